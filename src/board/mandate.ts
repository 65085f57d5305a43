import { MandateScorecardDocument, type MandateScorecardQuery } from '../../schema/generated/graphql.js';
import { ASSURANCE_LABELS, request, STATE_LABELS, VARIATION_LABELS } from './api.js';

/**
 * The board's "Mandate" view: the mandate's scorecard (every measured milestone, England against
 * the target in force, how many organisations meet theirs, the SPC signals), each row opening the
 * grid of its metric.
 */
type Entry = NonNullable<MandateScorecardQuery['mandate']>['scorecard'][number];

const KINDS: Record<string, string> = { ICBS: 'ICBs', TRUSTS: 'trusts', NAMED_ORGANISATIONS: 'named' };

function cellOf(content: string | Node, className = ''): HTMLTableCellElement {
  const cell = document.createElement('td');
  if (className) cell.className = className;
  cell.append(content);
  return cell;
}

function row(entry: Entry, openMetric: (code: string) => void): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.dataset.metric = entry.metric.code;
  tr.dataset.state = entry.state;
  const link = document.createElement('a');
  link.href = `/board?metric=${encodeURIComponent(entry.metric.code)}`;
  link.textContent = `${entry.metric.name} (${entry.metric.code})`;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    openMetric(entry.metric.code);
  });
  const target = entry.england?.target ?? entry.targets.at(-1);
  const unit = entry.metric.unit === 'PERCENT' ? '%' : '';
  const england = entry.england?.measurement
    ? `${entry.england.measurement.displayValue} (${entry.england.period})`
    : 'No data';
  const count = entry.count
    ? `${entry.count.meeting} of ${entry.count.judged} ${KINDS[entry.count.kind]}`
    : 'England only';
  const signals = [
    ...(entry.variation ? [VARIATION_LABELS[entry.variation]] : []),
    ...(entry.assurance ? [ASSURANCE_LABELS[entry.assurance]] : []),
  ];
  tr.append(
    cellOf(entry.milestone.title),
    cellOf(entry.milestone.dueBy ?? '–'),
    cellOf(link),
    cellOf(england),
    cellOf(target ? `${target.comparator === 'AT_LEAST' ? 'at least' : 'at most'} ${target.value}${unit}` : '–'),
    cellOf(STATE_LABELS[entry.state] ?? entry.state, 'state'),
    cellOf(count),
    cellOf(signals.join(', ') || '–'),
  );
  return tr;
}

/** Draws the scorecard of a mandate into the view's table. */
export async function drawScorecard(slug: string, openMetric: (code: string) => void): Promise<void> {
  const status = document.getElementById('mandate-status')!;
  try {
    const { mandate } = await request(MandateScorecardDocument, { slug });
    if (!mandate) {
      status.textContent = `There is no mandate "${slug}".`;
      return;
    }
    document.getElementById('mandate-title')!.textContent = `${mandate.title}: at a glance`;
    const rows = mandate.scorecard.map((entry) => row(entry, openMetric));
    document.querySelector('#scorecard tbody')!.replaceChildren(...rows);
    const measured = mandate.scorecard.filter((entry) => entry.hasData).length;
    status.textContent = `${mandate.scorecard.length} measured milestones, ${measured} with data.`;
  } catch (error) {
    status.textContent = `Could not load the scorecard: ${(error as Error).message}`;
  }
}
