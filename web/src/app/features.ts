// Which server features the editor offers: only those /api/capabilities allows for this site right now.
// Under lockdown none is offered (and nothing is sent to our servers); the editor says why.
import { capabilities, runJob, type Capabilities } from './api';
import { ApiError, type Host } from './host/host';
import { mxfileType } from './storage';
import { PlantUmlSourceError, type EditorFeatures } from '../editor';

export interface FeatureSet {
  features: EditorFeatures;
  notice?: string;
}

export async function serverFeatures(host: Host): Promise<FeatureSet> {
  let caps: Capabilities;
  try {
    caps = await capabilities(host);
  } catch (e) {
    return { features: {}, notice: `Server features are unavailable: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (caps.lockdown) {
    return { features: {}, notice: caps.reason ?? 'Lockdown is on: features that need our servers are off.' };
  }
  const on = caps.features;
  const features: EditorFeatures = {};
  if (on.gliffyImport) features.gliffyImport = async (file) => (await runJob(host, 'gliffy', file, {}, file.name)).text();
  if (on.visioImport) {
    features.visioImport = async (file) => {
      // A stencil (.vssx, .vss, .vsx) answers a draw.io shape library: the editor adds it to its palette.
      const result = await runJob(host, 'visio', file, {}, file.name);
      const xml = await result.text();
      return result.type.includes('mxlibrary') ? { kind: 'library', name: file.name, xml } : { kind: 'diagram', xml };
    };
  }
  if (on.plantuml) features.plantuml = async (source) => {
    try {
      return await (await runJob(host, 'plantuml', new Blob([source], { type: 'text/plain' }), { format: 'svg' })).text();
    } catch (e) {
      // The converter's 422 for a syntax error names the line (ProblemDetails `line`).
      const line = e instanceof ApiError ? e.problem.line : undefined;
      throw typeof line === 'number' && e instanceof Error ? new PlantUmlSourceError(e.message, line) : e;
    }
  };
  if (on.pdfExport) features.pdfExport = (xml, options = {}) => runJob(host, 'pdf', new Blob([xml], { type: mxfileType }), options);
  const off = [...new Set(Object.values(caps.unavailable ?? {}))]; // one reason may cover several features
  return { features, notice: off.length ? off.join(' ') : undefined };
}
