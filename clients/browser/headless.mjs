// Debian's Chromium (apt-get install chromium), or $CHROMIUM, headless and quiet: no sandbox (CI runs as
// root), no GPU, and none of the browser's own traffic, so that a page's requests are all the page's.
import { chromium } from "playwright-core";

export function launchChromium() {
    return chromium.launch({
        executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
        args: [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ],
    });
}
