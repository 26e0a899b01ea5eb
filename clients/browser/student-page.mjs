// Opens the student page (GET /) in headless Chromium (Debian's /usr/bin/chromium) and checks what a student
// would do with it, saving a screenshot of each state under the given directory:
//   1. it opens on example 3 with the forward pass computed: z^3 = 0.7310585786300049 and the output
//      (0.18814372508706215, 0.8118562749129378) are on it, and it asks for nothing outside the service's host;
//   2. stepping through the backward pass (by keyboard) ends with the gradient, whose first entry is
//      0.13754408424030204, in the block of layer 3;
//   3. another example (5, the linear chain) loads and its output (-1, 1) is shown;
//   4. a request with a wrong number of parameters shows the service's problem at the field it points at;
//   5. a short descent draws one point per epoch;
//   6. at a phone's width (390 px) the page has no horizontal scroll of its own.
// Usage: node student-page.mjs BASE_URL SCREENSHOT_DIRECTORY
import { launchChromium } from "./headless.mjs";

const base = process.argv[2] ?? "http://localhost:8080";
const out = process.argv[3] ?? ".";

function check(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
    console.log("ok: " + message);
}

const browser = await launchChromium();
try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    const foreign = [];
    page.on("request", (request) => {
        if (!request.url().startsWith(base)) {
            foreign.push(request.url());
        }
    });
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));

    // 1. example 3, its forward pass computed
    await page.goto(base + "/");
    await page.waitForSelector('[data-quantity="output"] td');
    const values = async (selector) =>
        page.$$eval(selector + " td[data-value]", (cells) => cells.map((c) => c.dataset.value));
    const layer2 = await values('.layer[data-layer="2"] [data-quantity="output"]');
    check(layer2.includes("0.7310585786300049"), "example 3's z^3 = 0.7310585786300049 is on the page: " + layer2);
    const output = await values('.layer[data-layer="4"] [data-quantity="output"]');
    check(output.join(",") === "0.18814372508706215,0.8118562749129378",
        "example 3's output (0.18814372508706215, 0.8118562749129378) is on the page");
    const shown = await page.$eval('.layer[data-layer="2"] [data-quantity="output"] td', (td) => td.textContent);
    check(shown === "0.731059", "numbers are shown to six digits (" + shown + "), the full value on hover");
    await page.screenshot({ path: out + "/student-page-1-forward.png", fullPage: true });

    // 2. the backward pass, step by step from the keyboard, to the gradient
    const steps = [];
    await page.locator("#next").focus();
    for (let k = 0; k < 10 && !(await page.locator("#next").isDisabled()); k++) {
        await page.keyboard.press("n");
        steps.push(await page.locator("#status").textContent());
        if (k === 2) {
            await page.screenshot({ path: out + "/student-page-2-backward-step.png", fullPage: true });
        }
    }
    check(steps.length === 6, "the backward pass takes q^{L+1} and four layers' steps, then the gradient (" +
        steps.length + " steps)");
    check(steps[4].includes("layer 1"), "its last step is layer 1's: " + steps[4]);
    const gradient = await values('#gradient .block[data-layer="3"]');
    check(gradient[0] === "0.13754408424030204", "the gradient's first entry 0.13754408424030204 is shown in p^3's block");
    await page.screenshot({ path: out + "/student-page-3-gradient.png", fullPage: true });

    // 3. another example
    await page.selectOption("#example", { label: "5. Linear chain, ½-squared error" });
    await page.waitForFunction(() => document.querySelectorAll(".layer").length === 2);
    const output5 = await values('.layer[data-layer="2"] [data-quantity="output"]');
    check(output5.join(",") === "-1,1", "example 5 loads: its output is (-1, 1)");
    await page.screenshot({ path: out + "/student-page-4-example-5.png", fullPage: true });

    // 4. a request with a wrong parameter count: the problem at the field it points at
    await page.locator("#editor-box summary").click();
    const edited = JSON.parse(await page.locator("#editor").inputValue());
    edited.layers[0].parameters.pop();
    await page.locator("#editor").fill(JSON.stringify(edited, null, 2));
    await page.locator("#run").click();
    const marked = page.locator('#outline .has-problem[data-pointer="/layers/0/parameters"] .error');
    await marked.waitFor({ timeout: 10000 });
    const message = await marked.textContent();
    check(/parameters/.test(message), "the wrong parameter count is shown at /layers/0/parameters: " + message.trim());
    await marked.scrollIntoViewIfNeeded();
    await page.screenshot({ path: out + "/student-page-5-problem.png", fullPage: true });

    // 5. a short descent, one point per epoch
    await page.locator("#tab-training").click();
    await page.locator("#epochs").fill("12");
    await page.locator("#train").click();
    await page.waitForFunction(() => /^Done/.test(document.getElementById("training-status").textContent),
        null, { timeout: 30000 });
    const points = await page.locator("#chart circle.point").count();
    check(points === 12, "the chart has one point per epoch (" + points + " for 12 epochs)");
    console.log("    " + (await page.locator("#training-status").textContent()));
    await page.screenshot({ path: out + "/student-page-6-training.png", fullPage: true });

    // 6. a phone's width
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await phone.goto(base + "/");
    await phone.waitForSelector('[data-quantity="output"] td');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, "at 390 px the page does not scroll sideways (" + overflow + " px too wide)");
    await phone.screenshot({ path: out + "/student-page-7-phone.png", fullPage: true });

    check(foreign.length === 0, "no request leaves the service's host" + (foreign.length ? ": " + foreign : ""));
    check(errors.length === 0, "no script error" + (errors.length ? ": " + errors : ""));
} finally {
    await browser.close();
}
