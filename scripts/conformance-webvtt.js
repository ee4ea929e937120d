#!/usr/bin/env node
// Runs Recollect's WebVTT reader over the web-platform-tests file-parsing cases of
// w3c/webvtt.js (test/wpt-file-parsing/: NAME.vtt with its assertions in NAME.js) and counts
// the files whose assertions all hold.
//
//   WEBVTT_SUITE=/path/to/webvtt.js/test/wpt-file-parsing RECOLLECT=target/debug/recollect \
//     node scripts/conformance-webvtt.js
//
// Recollect keeps, per cue, its start, end and text (markup dropped, the speaker of `<v Name>`
// apart); it keeps no cue identifiers, positioning settings or regions. Assertions about
// those are counted as not applicable and reported apart; a file agrees when every
// applicable assertion (how many cues, their times and text) holds.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const suite = process.env.WEBVTT_SUITE;
const recollect = process.env.RECOLLECT || "recollect";
if (!suite || !fs.existsSync(suite)) {
  console.error("set WEBVTT_SUITE to the wpt-file-parsing folder of w3c/webvtt.js");
  process.exit(2);
}

const NOT_KEPT = new Set(["id", "align", "line", "position", "size", "vertical", "region", "snapToLines", "lineAlign", "positionAlign"]);

function cuesOf(file) {
  let out;
  try {
    out = execFileSync(recollect, ["transcript", "preview", "--format", "vtt", "--json", file], { stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    return { refused: (e.stderr || "").toString().trim(), cues: [] };
  }
  const preview = JSON.parse(out.toString());
  const cues = preview.segments.map((s) => {
    const cue = { startTime: s.start_ms / 1000, endTime: (s.end_ms ?? s.start_ms) / 1000, text: s.text };
    return new Proxy(cue, {
      get(target, key) {
        if (NOT_KEPT.has(key)) return notKept(key);
        return target[key];
      },
    });
  });
  return { cues, issues: preview.issues };
}

// What Recollect does not keep reads as a marker that any property of also reads as; an
// assertion that meets one is counted as not applicable.
const NOT_KEPT_KEY = Symbol("not kept");
function notKept(key) {
  const marker = new Proxy(function () {}, {
    get(_, k) {
      if (k === NOT_KEPT_KEY) return key;
      if (k === Symbol.toPrimitive) return () => `[not kept: ${key}]`;
      return marker;
    },
    apply() {
      return marker;
    },
  });
  return marker;
}
const keptNot = (value) => (value !== null && (typeof value === "object" || typeof value === "function") ? value[NOT_KEPT_KEY] : undefined);

let agree = 0;
const lines = [];
const files = fs.readdirSync(suite).filter((f) => f.endsWith(".vtt")).sort();
for (const name of files) {
  const { cues, refused } = cuesOf(path.join(suite, name));
  const js = fs.readFileSync(path.join(suite, name.replace(/\.vtt$/, ".js")), "utf8");
  let failed = null;
  const notApplicable = new Set();
  const assert_equals = (a, b, message) => {
    const key = keptNot(a) ?? keptNot(b);
    if (key !== undefined) {
      notApplicable.add(key);
      return;
    }
    if (a !== b && !(typeof a === "number" && typeof b === "number" && Math.abs(a - b) < 1e-9)) {
      failed = failed ?? `${JSON.stringify(a)} !== ${JSON.stringify(b)} ${message ?? ""}`;
    }
  };
  const assert_not_equals = (a, b, message) => {
    const key = keptNot(a) ?? keptNot(b);
    if (key !== undefined) notApplicable.add(key);
    else if (a === b) failed = failed ?? `${JSON.stringify(a)} === ${JSON.stringify(b)} ${message ?? ""}`;
  };
  const assert_true = (a, message) => assert_equals(keptNot(a) !== undefined ? a : !!a, true, message);
  const assert_false = (a, message) => assert_equals(keptNot(a) !== undefined ? a : !!a, false, message);
  try {
    // eslint-disable-next-line no-new-func
    new Function("cues", "assert_equals", "assert_not_equals", "assert_true", "assert_false", js)(cues, assert_equals, assert_not_equals, assert_true, assert_false);
  } catch (e) {
    failed = failed ?? e.message;
  }
  if (refused) failed = `refused: ${refused}`;
  if (!failed) agree++;
  const na = notApplicable.size ? ` (not kept: ${[...notApplicable].join(", ")})` : "";
  lines.push(`${failed ? "DIFFERS" : "agrees "} ${name}${na}${failed ? ": " + failed : ""}`);
}
console.log(lines.join("\n"));
console.log(`\nWebVTT file parsing (WPT): ${agree} of ${files.length} files agree`);
process.exit(agree === files.length ? 0 : 1);
