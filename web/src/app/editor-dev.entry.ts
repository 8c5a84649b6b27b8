// DEV ONLY: mounts the diagram editor on a bare page with every server feature stubbed locally,
// for trying the editor and for browser tests without App or Converter. Not served by App.
// Page: <div id="editor"></div> plus this bundle and its CSS (dist/app/editor-dev.{js,css}).
import { createEditor, type EditorFeatures } from '../editor/index';

const stubFile = (name: string) =>
  `<mxfile><diagram id="imported-${name}" name="${name}"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>` +
  `<mxCell id="i1" value="Imported from ${name}" style="rounded=1;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="160" height="60" as="geometry"/></mxCell>` +
  '</root></mxGraphModel></diagram></mxfile>';

const escape = (text: string) => text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);

const features: EditorFeatures = {
  gliffyImport: async (file) => stubFile(file.name),
  visioImport: async (file) => stubFile(file.name),
  plantuml: async (source) => {
    const lines = source.split('\n').slice(0, 20);
    const text = lines.map((l, i) => `<text x="10" y="${20 + i * 16}" font-family="monospace" font-size="12">${escape(l)}</text>`).join('');
    return `<svg xmlns="http://www.w3.org/2000/svg" width="260" height="${30 + lines.length * 16}"><rect width="100%" height="100%" fill="#fefece" stroke="#a80036"/>${text}</svg>`;
  },
  pdfExport: async (xml) => new Blob([`stub PDF of ${xml.length} characters`], { type: 'application/pdf' }),
};

async function main(host: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.search);
  const editor = await createEditor(host, {
    features: params.has('nofeatures') ? {} : features,
    featuresNotice: params.has('nofeatures') ? 'Lockdown is on: imports, PlantUML and PDF export are off.' : undefined,
    title: 'Dev diagram',
    onSave: () => {
      editor.markSaved();
      editor.setStatus(`Saved (dev stub): ${editor.getXml().length} characters, ${editor.pageCount} page(s).`);
    },
    onClose: () => editor.setStatus('Close pressed (dev stub).'),
  });
}

const host = document.getElementById('editor');
if (host) void main(host);
