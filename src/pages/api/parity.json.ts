import { loadSiteAnalysis } from '../../lib/build/site-analysis.ts';
import { toExportDocument } from '../../lib/model/export-document.ts';

/** The same document as `envparity export`. */
export async function GET(): Promise<Response> {
	const { model, problems } = await loadSiteAnalysis();
	return new Response(`${JSON.stringify(toExportDocument(model, problems), null, 2)}\n`, {
		headers: { 'content-type': 'application/json' },
	});
}
