// Configure page (site admins): effective settings, the settings document as JSON with the API's own
// validation messages, and the job audit list. Everything goes through our /api by way of the host.
import { ApiError, type Host } from '../host/host';
import { el, mount } from '../page';

interface SettingsView {
  settings: { dataGovernance: string; lockdown: boolean };
  effective: { lockdown: boolean; dataGovernance: string | null; serverFeatures: boolean; ignored: string[]; notes: string[] };
  regions: string[];
  version: number;
}

interface AuditRow {
  kind: string;
  region: string;
  bytesIn: number;
  bytesOut: number;
  durationMs: number;
  outcome: string;
  startedAtUtc: string;
}

export const adminPage = (host: Host): Promise<void> =>
  mount(async (main) => {
    const effective = el('dl', { testid: 'effective' });
    const help = el('p', { className: 'note', testid: 'settings-help' });
    const editor = el('textarea', { testid: 'settings-json', spellcheck: false });
    const save = el('button', { type: 'button', className: 'primary', testid: 'settings-save' }, 'Save settings');
    const errors = el('div', { className: 'error', testid: 'settings-errors' });
    const saved = el('span', { className: 'note', testid: 'settings-saved' });
    const audit = el('div', { testid: 'audit' });
    main.replaceChildren(
      el('div', { className: 'admin' },
        el('h2', {}, 'Secure Diagrams settings'),
        help,
        el('h3', {}, 'In effect now'), effective,
        el('h3', {}, 'Settings document'), editor, el('p', {}, save, ' ', saved), errors,
        el('h3', {}, 'Recent heavy jobs'), audit));

    let etag = '*';
    const show = (view: SettingsView) => {
      // The regions are this server's configuration: the API lists them, the page names no region of its own.
      const offered = view.regions.map((r) => `"${r}"`).join(', ');
      help.textContent = `dataGovernance: where heavy jobs (PDF export, Visio/Gliffy import, PlantUML) run, one of ${offered}. lockdown: when true, nothing at all is sent to our servers; diagrams are saved by the browser straight to this site.`;
      const region = view.effective.dataGovernance;
      const rows: Array<[string, string]> = [
        ['Lockdown', view.effective.lockdown ? 'on: nothing is sent to our servers' : 'off'],
        ['Heavy jobs run in', region === null ? '(nowhere: lockdown)' : view.regions.includes(region) ? region : `${region} (not offered by this server: heavy jobs are refused)`],
        ['Regions offered', view.regions.join(', ')],
        ['Server features', view.effective.serverFeatures ? 'available' : 'off'],
        ...view.effective.notes.map((n): [string, string] => ['Note', n]),
      ];
      effective.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
      editor.value = JSON.stringify(view.settings, null, 2);
    };
    const load = async () => {
      const answer = await host.backend<SettingsView>('/api/settings');
      etag = answer.header('ETag') ?? '*';
      show(answer.body);
    };
    const loadAudit = async () => {
      try {
        const rows = (await host.backend<AuditRow[]>('/api/jobs/audit')).body;
        if (!rows.length) {
          audit.replaceChildren(el('p', { className: 'empty' }, 'No heavy jobs yet.'));
          return;
        }
        const head = el('tr', {}, ...['When', 'Job', 'Region', 'In', 'Out', 'ms', 'Outcome'].map((h) => el('th', {}, h)));
        const body = rows.map((r) => el('tr', {}, ...[r.startedAtUtc, r.kind, r.region, String(r.bytesIn), String(r.bytesOut), String(Math.round(r.durationMs)), r.outcome].map((c) => el('td', {}, c))));
        audit.replaceChildren(el('table', {}, el('thead', {}, head), el('tbody', {}, ...body)));
      } catch (e) {
        audit.replaceChildren(el('p', { className: 'error' }, `The audit list cannot be read: ${e instanceof Error ? e.message : String(e)}`));
      }
    };

    save.addEventListener('click', async () => {
      errors.textContent = '';
      saved.textContent = '';
      let body: string;
      try {
        body = JSON.stringify(JSON.parse(editor.value));
      } catch {
        body = editor.value; // let the API name what is wrong
      }
      save.disabled = true;
      try {
        const answer = await host.backend<SettingsView>('/api/settings', { method: 'PUT', json: body, headers: { 'If-Match': etag } });
        etag = answer.header('ETag') ?? '*';
        show(answer.body);
        saved.textContent = 'Saved.';
      } catch (e) {
        if (e instanceof ApiError) {
          const details = Object.entries(e.problem.errors ?? {}).flatMap(([key, messages]) => messages.map((m) => `${key}: ${m}`));
          errors.textContent = [e.problem.title, e.problem.detail, ...details].filter(Boolean).join('\n');
        } else {
          errors.textContent = e instanceof Error ? e.message : String(e);
        }
      } finally {
        save.disabled = false;
        host.resize(main.scrollHeight + 16);
      }
    });

    await load();
    await loadAudit();
    host.resize(main.scrollHeight + 16);
  });
