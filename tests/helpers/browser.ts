import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, which the browser tests drive (test tools cannot download their own here). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether the browser tests can run; when not, they are skipped with a message naming the fix. */
export const hasChromium = existsSync(CHROMIUM);

if (!hasChromium)
	console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM}. Install it with "apt-get install -y chromium" (or set CHROMIUM_PATH).`);

/** Launches headless Chromium with the flags this machine needs. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-dev-shm-usage',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

/** A new page of `browser` at `url`, in a theme and at a width (a phone's height below 600 px), once the network is idle. */
export async function openPage(
	browser: Browser,
	url: string,
	options: { colorScheme?: 'light' | 'dark'; width?: number } = {},
): Promise<Page> {
	const width = options.width ?? 1400;
	const page = await browser.newPage({ colorScheme: options.colorScheme ?? 'light', viewport: { width, height: width < 600 ? 844 : 900 } });
	await page.goto(url, { waitUntil: 'networkidle' });
	return page;
}
