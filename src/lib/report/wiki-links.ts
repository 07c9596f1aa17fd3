import { isWebUrl } from '../schema/shared.ts';
import { createLinks, type SiteLinks } from '../site/links.ts';

/** The published wiki's routes as full addresses, for messages read outside the site (chat, CI reports). */
export interface WikiLinks {
	/** The one route table, under the wiki's base path. */
	routes: SiteLinks;
	/** A route of `routes` as a full address, e.g. `url(routes.change('redis-pool'))`. */
	url(path: string): string;
}

/** Why the wiki's address cannot be used. */
export class WikiAddressError extends Error {}

/**
 * The wiki's links from its address and base path, as the build reads them (`ENVPARITY_SITE`, e.g.
 * `https://acme.github.io`, and `ENVPARITY_BASE`, e.g. `/payments-infra/`); undefined when the address
 * is not set. Throws a WikiAddressError when it is set but is not an http(s) address.
 */
export function wikiLinks(site: string | undefined, base: string | undefined): WikiLinks | undefined {
	const address = site?.trim();
	if (!address) return undefined;
	if (!isWebUrl(address))
		throw new WikiAddressError(
			`ENVPARITY_SITE="${address}" is not an http(s) address; set it to the wiki's address, e.g. https://acme.github.io.`,
		);
	const origin = new URL(address).origin;
	const routes = createLinks(base?.trim() || '/');
	return { routes, url: (path) => new URL(path, origin).href };
}
