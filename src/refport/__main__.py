from refport.cli import main

raise SystemExit(main())
