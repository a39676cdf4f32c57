// Load HTML files in headless Chromium, run axe-core (WCAG 2.1 A/AA) and print
// one JSON object: {"pages": [{"file", "violations", "external_requests"}]}.
// Every request that is not file: or data: is blocked and listed, so a page
// that would fetch something from the network is caught as well.
//
// Usage: node axe_run.js FILE.html [FILE.html ...]
// Chromium: $CHROMIUM, else /usr/bin/chromium.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { pathToFileURL } = require("url");
const puppeteer = require("puppeteer-core");

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

async function judge(browser, file) {
  const page = await browser.newPage();
  const external = [];
  await page.setRequestInterception(true);
  page.on("request", (req) => {
    const url = req.url();
    if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("about:")) {
      req.continue();
    } else {
      external.push(url);
      req.abort();
    }
  });
  await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: "load" });
  await page.addScriptTag({ path: require.resolve("axe-core") });
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
    }));
  }, TAGS);
  await page.close();
  return { file, violations, external_requests: external };
}

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node axe_run.js FILE.html [FILE.html ...]");
    return 2;
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "vplan-axe-"));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [...FLAGS, `--user-data-dir=${profile}`],
    headless: true,
  });
  try {
    const pages = [];
    for (const file of files) pages.push(await judge(browser, file));
    process.stdout.write(JSON.stringify({ pages }, null, 1) + "\n");
    return 0;
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(String((err && err.stack) || err));
    process.exit(1);
  },
);
