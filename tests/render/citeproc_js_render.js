// Render CSL-JSON items with citeproc-js (the reference CSL processor).
// stdin: {"style": "<xml>", "items": [...], "lang": "en-US", "locales": "<dir>"}
// stdout: JSON array of [id, text] pairs in bibliography order (text format).
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
process.stdout.write(JSON.stringify(meta.entry_ids.map((ids, i) => [ids[0], entries[i].trim()])));
