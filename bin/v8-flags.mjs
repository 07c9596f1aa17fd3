// The garbage collector's settings for the command and the build. Both read thousands of files and keep what they
// read while they allocate many times as much that dies soon after: with Node's defaults (a young generation that grows
// to 64 MB a half on this machine, and an old one left to grow to about four times what is alive before a full
// collection), the build's peak memory at 1,000 entities was a third above a plain Astro site's, nearly all of it
// garbage. The measurements are in bench/README.md ("What changed to get here", sixth session). Plain JavaScript: the
// entry points load it before any TypeScript.

/** A young generation of 16 MB a half: fewer survivors copied by each scavenge, and less memory. */
export const YOUNG_GENERATION = '--max-semi-space-size=16';
/**
 * An old generation that grows by at most its live size between full collections (V8 lets it grow up to fourfold).
 * Three times what is alive left the 5k build's peak at 1.21 times the baseline's in one bench run, against 1.05.
 */
export const OLD_GENERATION_GROWTH = '--heap-growing-percent=100';

/**
 * Starts this process again with `flags` where Node only takes them at start-up (process.execve: the same process
 * and pid, stdin and stdout, with nothing left waiting), unless it already runs with them. A flag the user already
 * gives (on the command line or in NODE_OPTIONS) is left as given. Where the process cannot start again (Windows),
 * or runs under a debugger, it goes on as it is; the flags only change memory and speed, never a result.
 */
export function startWith(flags) {
	const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].map((flag) => flag.split('=')[0]);
	const missing = flags.filter((flag) => !given.includes(flag.split('=')[0]));
	// Under a debugger (--inspect, --inspect-brk, --inspect-wait), starting again would detach it and stop twice.
	const debugged = given.some((flag) => flag.startsWith('--inspect'));
	if (missing.length === 0 || debugged || typeof process.execve !== 'function') return;
	try {
		process.execve(process.execPath, [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)]);
	} catch {
		// Not started again (the executable cannot be run): the command runs with Node's defaults.
	}
}
