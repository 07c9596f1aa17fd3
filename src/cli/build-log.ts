// Astro's log during `npm run build`, unless ENVPARITY_LOG_LEVEL=info asks for Astro's own: its
// warnings as Astro prints them, and no errors. Astro prints an error with its stack; the build
// reports every failure itself, in one line that says what to do (src/cli/build.ts). Astro loads
// this file by its path (the `logger` option), in the build and in the bundle that renders pages.
import node from 'astro/logger/node';
import type { AstroLoggerDestination, AstroLoggerLevel } from 'astro';

/** Astro's log destination for a build: Astro's own, without error messages. */
export default function buildLog(config?: { level?: AstroLoggerLevel }): AstroLoggerDestination {
	const destination = node(config);
	return {
		write(message) {
			if (message.level !== 'error') destination.write(message);
		},
	};
}
