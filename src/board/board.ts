/**
 * The operations-room board: a page the server serves at /board, built only on the public GraphQL
 * API (the reference client for partners). Typed operations from schema/operations; live over
 * graphql-ws, resuming from the last cursor shown after any drop, so nothing is missed or shown twice.
 */
import {
  BoardChoicesDocument,
  BoardFeedDocument,
  BoardViewDocument,
  type BoardViewQuery,
} from '../../schema/generated/graphql.js';
import {
  apiKey,
  ASSURANCE_LABELS,
  crossingEntry,
  crossingFilter,
  request,
  KEY_STORAGE,
  STATE_LABELS,
  VARIATION_LABELS,
  type FeedEntry,
  type View,
} from './api.js';
import { drawDeliveries } from './deliveries.js';
import { showDetail } from './detail.js';
import { drawScorecard } from './mandate.js';
import { followLive } from './live.js';

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The view a URL describes (deep links: /board?metric=AE_4HR&group=TRUST&region=Y56). */
function viewFromUrl(): View {
  const params = new URLSearchParams(location.search);
  const group = params.get('group');
  return {
    metric: params.get('metric') ?? 'AE_4HR',
    group: group === 'AMBULANCE' || group === 'TRUST' ? group : params.get('region') ? 'TRUST' : 'ICB',
    region: params.get('region')?.toUpperCase() ?? '',
    period: /^\d{4}-\d{2}$/.test(params.get('period') ?? '') ? params.get('period')! : '',
  };
}

function query(view: View): URLSearchParams {
  const params = new URLSearchParams({ metric: view.metric, group: view.group });
  if (view.region) params.set('region', view.region);
  if (view.period) params.set('period', view.period);
  return params;
}

type Organisation = BoardViewQuery['organisations']['edges'][number]['node'];

const SVG = 'http://www.w3.org/2000/svg';

/** The trend over the last periods as a small line, with the target as a dashed line. */
function sparkline(values: readonly number[], target: number | null): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('viewBox', '0 0 100 30');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('aria-hidden', 'true');
  const all = target === null ? values : [...values, target];
  const [low, high] = [Math.min(...all), Math.max(...all)];
  const y = (value: number) => 28 - ((value - low) / (high - low || 1)) * 26;
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute(
    'points',
    values.map((value, index) => `${(index / Math.max(1, values.length - 1)) * 100},${y(value)}`).join(' '),
  );
  svg.append(line);
  if (target !== null) {
    const rule = document.createElementNS(SVG, 'line');
    for (const [name, value] of [
      ['x1', 0],
      ['x2', 100],
      ['y1', y(target)],
      ['y2', y(target)],
    ] as const)
      rule.setAttribute(name, String(value));
    svg.append(rule);
  }
  return svg;
}

function text(tag: string, className: string, content: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = content;
  return node;
}

function cell(
  organisation: Organisation,
  unit: string,
  previous: string | undefined,
  onOpen: () => void,
): HTMLLIElement | null {
  const points = organisation.measurements.edges.map((edge) => edge.node);
  const latest = points.at(-1);
  if (!latest) return null;
  const target = latest.standing?.target ?? null;
  const state = latest.standing?.state ?? 'NO_TARGET';
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `cell ${state}${previous !== undefined && previous !== state ? ' changed' : ''}`;
  button.dataset.ods = organisation.odsCode;
  button.dataset.state = state;
  const targetText = target
    ? `target ${target.comparator === 'AT_LEAST' ? '≥' : '≤'} ${target.value}${unit === 'PERCENT' ? '%' : ''}`
    : 'no target';
  button.setAttribute(
    'aria-label',
    `${organisation.name}: ${latest.displayValue} in ${latest.period}, ${targetText}, ${STATE_LABELS[state]}. Open its detail.`,
  );
  button.append(
    text('span', 'name', organisation.name),
    text('span', 'value', latest.displayValue),
    text('span', 'meta', `${latest.period} · ${targetText}`),
    text('span', 'state', STATE_LABELS[state] ?? state),
    sparkline(
      points.map((point) => point.value),
      target?.value ?? null,
    ),
  );
  const spc = organisation.spc;
  if (spc.variation)
    button.append(
      text(
        'span',
        'spc',
        `SPC: ${VARIATION_LABELS[spc.variation]}${spc.assurance ? `; ${ASSURANCE_LABELS[spc.assurance]}` : ''}`,
      ),
    );
  button.addEventListener('click', onOpen);
  item.append(button);
  return item;
}

function feedItem(entry: FeedEntry): HTMLLIElement {
  const item = document.createElement('li');
  item.className = entry.tone;
  item.dataset.cursor = entry.cursor;
  item.textContent = entry.text;
  return item;
}

async function start(): Promise<void> {
  let view = viewFromUrl();
  const states = new Map<string, string>();
  const feed = element<HTMLOListElement>('feed');
  const show = (entry: FeedEntry) => {
    feed.prepend(feedItem(entry));
    while (feed.children.length > 50) feed.lastElementChild!.remove();
  };

  const choices = await request(BoardChoicesDocument, {});
  const metricSelect = element<HTMLSelectElement>('metric');
  for (const { node } of choices.metrics.edges.filter((edge) => edge.node.hasData))
    metricSelect.append(new Option(`${node.name} (${node.code})`, node.code));
  const regionSelect = element<HTMLSelectElement>('region');
  for (const { node } of choices.organisations.edges) regionSelect.append(new Option(node.name, node.odsCode));

  const controls = () => {
    metricSelect.value = view.metric;
    element<HTMLSelectElement>('group').value = view.group;
    regionSelect.value = view.region;
    element('region-label').hidden = view.group !== 'TRUST';
    element<HTMLInputElement>('period').value = view.period;
    element<HTMLAnchorElement>('export').href = `/export/board.csv?${query(view)}`;
  };

  let drawing: Promise<void> = Promise.resolve();
  const draw = () =>
    (drawing = drawing.then(async () => {
      const status = element('grid-status');
      try {
        const data = await request(BoardViewDocument, {
          metricCode: view.metric,
          types: view.group === 'ICB' ? ['ICB'] : ['TRUST'],
          ambulanceServices: view.group === 'AMBULANCE' ? true : view.group === 'TRUST' ? false : null,
          regionOdsCode: view.group === 'TRUST' && view.region ? view.region : null,
          to: view.period || null,
        });
        const unit = data.metric?.unit ?? '';
        const items = data.organisations.edges
          .map(({ node }) =>
            cell(node, unit, states.get(node.odsCode), () => void showDetail(node.odsCode, node.name, view.metric)),
          )
          .filter((item): item is HTMLLIElement => item !== null);
        element('grid').replaceChildren(...items);
        states.clear();
        for (const item of items)
          states.set(
            item.firstElementChild!.getAttribute('data-ods')!,
            (item.firstElementChild as HTMLElement).dataset.state!,
          );
        status.textContent = `${items.length} organisations with ${data.metric?.name ?? view.metric} data.`;
      } catch (error) {
        status.textContent = `Could not load the board: ${(error as Error).message}`;
      }
    }));

  let stopLive = () => {};
  // Without live events (no key, or a key that may not subscribe) the grid is refreshed each minute.
  setInterval(() => {
    if (!element('live').textContent?.startsWith('Live')) void draw();
    void drawDeliveries();
  }, 60_000);
  const follow = async () => {
    stopLive();
    const recent = await request(BoardFeedDocument, { filter: crossingFilter(view) }).catch(() => null);
    feed.replaceChildren();
    const history = recent?.crossings.edges.map((edge) => crossingEntry(edge.node)) ?? [];
    for (const entry of history) show(entry);
    stopLive = followLive({
      filter: crossingFilter(view),
      after: history.at(-1)?.cursor ?? null,
      key: apiKey(),
      status: (text, reconnecting) => {
        const live = element('live');
        live.textContent = text;
        live.classList.toggle('reconnecting', reconnecting);
      },
      onEntry: (entry) => {
        show(entry);
        void draw();
        // A crossing or a watch event may have become a message.
        setTimeout(() => void drawDeliveries(), 5_000);
      },
    });
  };

  // /board?view=mandate shows the mandate's scorecard in place of the grid; a metric there opens its grid.
  const showPage = () => {
    const params = new URLSearchParams(location.search);
    const mandate = params.get('view') === 'mandate';
    element('mandate-view').hidden = !mandate;
    element('grid-view').hidden = mandate;
    if (mandate) void drawScorecard(params.get('mandate') ?? '2023', (metric) => change({ metric }));
  };
  const change = (next: Partial<View>) => {
    view = { ...view, ...next };
    history.pushState(null, '', `/board?${query(view)}`);
    showPage();
    controls();
    void draw();
    void follow();
  };
  metricSelect.addEventListener('change', () => change({ metric: metricSelect.value }));
  element<HTMLSelectElement>('group').addEventListener('change', (event) =>
    change({ group: (event.target as HTMLSelectElement).value as View['group'] }),
  );
  regionSelect.addEventListener('change', () => change({ region: regionSelect.value }));
  element<HTMLInputElement>('period').addEventListener('change', (event) =>
    change({ period: (event.target as HTMLInputElement).value }),
  );
  element('view').addEventListener('submit', (event) => event.preventDefault());
  element('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = element<HTMLInputElement>('key').value.trim();
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
    void draw();
    void follow();
    void drawDeliveries();
  });
  window.addEventListener('popstate', () => {
    view = viewFromUrl();
    showPage();
    controls();
    void draw();
    void follow();
  });
  showPage();
  controls();
  await draw();
  await follow();
  await drawDeliveries();
}

void start();
