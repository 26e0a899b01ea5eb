// Opens /swagger-ui.html in headless Chromium (Debian's /usr/bin/chromium), checks that it lists every
// operation of openapi.yaml, picks the server that serves the page, runs "Try it out" on POST /gradient
// with its first example and expects 200, and saves a screenshot. Usage: node swagger-ui.mjs BASE_URL SCREENSHOT.png
import { launchChromium } from "./headless.mjs";

const base = process.argv[2] ?? "http://localhost:8080";
const screenshot = process.argv[3] ?? "swagger-ui.png";
const expected = ["POST /gradient", "POST /jacobian", "POST /forward", "GET /catalog"];

const browser = await launchChromium();
try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 2000 } });
    await page.goto(base + "/swagger-ui.html");
    await page.waitForSelector(".opblock", { timeout: 30000 });
    // The contract's first server is http://localhost:8080, the default of generated clients; the service
    // here runs on another port, which the second server, "/", reaches.
    await page.selectOption(".servers select", "/");

    const operations = await page.$$eval(".opblock", (blocks) =>
        blocks.map((b) => {
            const method = b.querySelector(".opblock-summary-method")?.textContent?.trim();
            const path = b.querySelector(".opblock-summary-path")?.getAttribute("data-path");
            return method + " " + path;
        }));
    console.log("operations listed: " + operations.join(", "));
    for (const operation of expected) {
        if (!operations.includes(operation)) {
            throw new Error("Swagger UI does not list " + operation);
        }
    }

    const gradient = page.locator(".opblock-post", { has: page.locator('[data-path="/gradient"]') });
    await gradient.locator(".opblock-summary").click();
    // The page turns "Try it out" on for every operation (static/swagger-ui-init.js).
    const execute = gradient.locator("button.execute");
    if (!(await execute.isVisible())) {
        await gradient.locator("button.try-out__btn").click();
    }
    await execute.click();
    const status = gradient.locator(".live-responses-table tbody .response-col_status").first();
    await status.waitFor({ timeout: 30000 });
    const code = (await status.textContent()).trim();
    const body = (await gradient.locator(".live-responses-table tbody .response-col_description").first().textContent()).trim();
    console.log("Try it out POST /gradient answered " + code + ": " + body.replace(/\s+/g, " ").slice(0, 160) + "...");
    await status.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshot, fullPage: false });
    console.log("screenshot: " + screenshot);
    if (code !== "200") {
        throw new Error("Try it out answered " + code);
    }
} finally {
    await browser.close();
}
