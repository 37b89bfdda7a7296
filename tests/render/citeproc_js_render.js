// Render CSL-JSON items with citeproc-js (the reference CSL processor).
// stdin: {"style": "<xml>", "items": [...], "lang": "en-US", "locales": "<dir>",
//         "clusters": [[[id, locator|null], ...], ...]  (optional)}
// stdout: {"entries": [[id, text], ...] in bibliography order (text format),
//          "citations": [text, ...] one per cluster}
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const input = JSON.parse(fs.readFileSync(0, "utf-8"));
const byId = Object.fromEntries(input.items.map((item) => [String(item.id), item]));
const sys = {
  retrieveItem: (id) => byId[id],
  retrieveLocale: (lang) => {
    const file = path.join(input.locales, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf-8") : false;
  },
};
const engine = new CSL.Engine(sys, input.style, input.lang, true);
engine.setOutputFormat("text");
engine.updateItems(Object.keys(byId));
const [meta, entries] = engine.makeBibliography();
const cite = ([id, locator]) => (locator ? { id, locator, label: "page" } : { id });
process.stdout.write(JSON.stringify({
  entries: meta.entry_ids.map((ids, i) => [ids[0], entries[i].trim()]),
  citations: (input.clusters || []).map((cluster) => engine.makeCitationCluster(cluster.map(cite))),
}));
