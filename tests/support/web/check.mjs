// The web's own checks on one HTML page of selfcheck's: html-validate with its standard
// preset, and axe-core (WCAG 2.1 A and AA, and best practices) run in headless Chromium.
// Prints every problem and exits 1 if there is any; used by tests/printed.rs.
//
// Usage: node check.mjs PAGE.html
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { HtmlValidate } from "html-validate";
import { chromium } from "playwright-core";

const file = process.argv[2];
const html = readFileSync(file, "utf8");
let problems = 0;

const validator = new HtmlValidate({ extends: ["html-validate:standard"] });
const report = await validator.validateString(html, file);
for (const result of report.results) {
  for (const m of result.messages) {
    problems++;
    console.log(`html-validate: ${m.ruleId} at ${m.line}:${m.column}: ${m.message}`);
  }
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
try {
  // The page's own policy forbids scripts; axe is added by the browser's test hooks.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href);
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    })
  );
  for (const v of results.violations) {
    problems++;
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ");
    console.log(`axe: ${v.id} (${v.impact}): ${v.help} at ${where}`);
  }
} finally {
  await browser.close();
}
console.log(`${problems} problem(s)`);
process.exit(problems ? 1 : 0);
