import { Paragraph, TextRun } from 'docx';
import type { CaseData } from './case-data-schema.js';
import type { Block } from './case-docx-front.js';
import {
  bullet,
  CONTENT_WIDTH,
  clean,
  heading1,
  heading2,
  labelTable,
  para,
  paras,
  recordedNote,
  spacer,
  table,
} from './docx-blocks.js';

const bold = (text: string) => new TextRun({ text: clean(text), bold: true });

/** 4. Co-production: each closed round's tallies by constituency side by side, comments, conflicts declared. */
export function coProduction(d: CaseData): Block[] {
  const blocks: Block[] = [heading1('4. Co-production and engagement'), heading2('4.1 Voting rounds')];
  if (d.rounds.length === 0) blocks.push(para({ gap: 'rounds' }));
  for (const r of d.rounds) {
    const labelWidth = 3400;
    const columnWidth = Math.floor((CONTENT_WIDTH - labelWidth) / Math.max(1, r.tally.columns.length));
    blocks.push(
      para(
        bold(`Round ${r.id}: ${r.kindLabel}`),
        `, ${r.openedOn} to ${r.closedOn}${r.anonymous ? ' (anonymous)' : ''}. `,
        `Overall: ${r.overall ?? 'no votes counted'}; quorum ${r.quorumReached ? 'reached' : 'not reached'}.`,
      ),
      table(
        r.tally.rows.map((row) => [row.label, ...row.cells]),
        [labelWidth, ...r.tally.columns.map(() => columnWidth)],
        { header: ['', ...r.tally.columns], labels: true },
      ),
      spacer(),
    );
    if (r.reasons.length > 0) blocks.push(para('Reasons given:'), ...r.reasons.map((reason) => bullet(reason)));
  }
  blocks.push(heading2('4.2 Comments'));
  if (d.comments.length === 0) blocks.push(para('No comments recorded.'));
  for (const c of d.comments) blocks.push(bullet(bold(`${c.author}, ${c.on}: `), c.text));
  blocks.push(heading2('4.3 Conflicts of interest declared'));
  if (d.conflicts.length === 0) {
    blocks.push(para('None declared in closed voting rounds or provider expressions of interest.'));
  }
  for (const c of d.conflicts) blocks.push(bullet(bold(`${c.from}: `), c.detail));
  return blocks;
}

/** 5. Outcomes targeted, grouped as in Appendix 1 of the source report. */
export function outcomes(d: CaseData): Block[] {
  return [
    heading1('5. Outcomes targeted'),
    ...d.outcomes.flatMap((g) => [
      new Paragraph({ children: [bold(g.group)], keepNext: true, spacing: { before: 80, after: 60 } }),
      ...g.items.map((item) => bullet(item)),
    ]),
  ];
}

/** 6. Resource implications: funding source, amount and budget holder. */
export function resources(d: CaseData): Block[] {
  const f = d.funding;
  if (!f) return [heading1('6. Resource implications'), para({ gap: 'funding' })];
  return [
    heading1('6. Resource implications'),
    labelTable([
      ['Funding source', f.detail ? `${f.source} (${f.detail})` : f.source],
      ['Amount', f.amount],
      ['Budget holder', f.budgetHolder],
    ]),
    recordedNote(f.recordedBy, f.recordedOn),
  ];
}

/** 7. Providers who expressed interest (with their conflict declarations) and the procurement route. */
export function providers(d: CaseData): Block[] {
  return [
    heading1('7. Providers and procurement route'),
    para('Procurement route: Part B of the innovation contract framework.'),
    ...(d.providers.length === 0 ? [para({ gap: 'providers' })] : []),
    ...d.providers.flatMap((p) => [
      para(bold(p.name), p.contact ? ` (${p.contact})` : '', `: ${p.summary}`),
      para(
        p.hasConflict
          ? `Conflict of interest declared: ${p.conflict ?? 'no detail given'}`
          : 'No conflict of interest declared.',
      ),
      ...(p.flag ? [para(bold('Flag: '), p.flag)] : []),
      recordedNote(p.recordedBy, p.recordedOn),
    ]),
  ];
}

/** 8. Specialist areas required and their sign-offs. */
export function specialists(d: CaseData): Block[] {
  if (d.specialists.length === 0) {
    return [heading1('8. Specialist engagement and sign-offs'), para({ gap: 'specialists' })];
  }
  return [
    heading1('8. Specialist engagement and sign-offs'),
    table(
      d.specialists.map((s) => [
        s.area,
        s.required ? 'Yes' : 'No',
        s.signedBy ? `${s.signedBy}, ${s.signedOn}` : s.required ? { gap: 'signOff' } : '—',
        s.note ?? '—',
      ]),
      [2000, 1300, 2800, 2926],
      { header: ['Area', 'Required', 'Signed off', 'Note'], labels: true },
    ),
  ];
}

/** 9-11. Evaluation and success criteria, risk management, and the equality impact placeholder. */
export function closing(d: CaseData): Block[] {
  const f = d.finalProposal;
  return [
    heading1('9. Evaluation, benefits and success criteria'),
    ...(f
      ? [
          heading2('9.1 Evaluation approach'),
          ...paras(f.evaluation),
          heading2('9.2 Benefits'),
          ...paras(f.benefits),
          heading2('9.3 Measurable success criteria'),
          ...paras(f.successCriteria),
          recordedNote(f.recordedBy, f.recordedOn),
        ]
      : [para({ gap: 'finalProposal' })]),
    heading1('10. Risk management'),
    ...(d.outline ? paras(d.outline.risks) : [para({ gap: 'risks' })]),
    heading1('11. Equality impact'),
    para({ gap: 'equality' }),
  ];
}
