// Astro's log during `npm run build`: its warnings as Astro prints them and no errors, or with ENVPARITY_LOG_LEVEL=info
// (`errors: true`) its whole log. Astro prints an error with its stack; without ENVPARITY_LOG_LEVEL=info, the build
// reports every failure itself, in one line that says what to do (src/cli/build.ts). Astro loads this file by its path
// (the `logger` option), in the build and in the bundle that renders pages.
import node from 'astro/logger/node';
import type { AstroLoggerDestination, AstroLoggerLevel } from 'astro';

/**
 * Astro's note on a page whose response had no body. The build's pages are written by a thread of their own
 * (src/lib/build/page-writer.ts), which Astro learns from an empty response: the note would be wrong.
 */
const NOT_CREATED = / ?(?:\u001b\[\d+m)?\(file not created, response body was empty\)(?:\u001b\[\d+m)?/;

/** Astro's log destination for a build: Astro's own, with error messages only when `errors` is set. */
export default function buildLog(config?: { level?: AstroLoggerLevel; errors?: boolean }): AstroLoggerDestination {
	const destination = node(config);
	return {
		write(message) {
			if (message.level === 'error' && !config?.errors) return;
			destination.write(NOT_CREATED.test(message.message) ? { ...message, message: message.message.replace(NOT_CREATED, '') } : message);
		},
	};
}
