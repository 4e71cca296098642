import type { PersonalDataVault } from '@regledger/personal-data';
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { CHINA_UTC_OFFSET_MS, WORKING_DAY_CALENDAR_RANGE, addDays, isWorkingDay } from '@regledger/shared';
import type { Actor, CommandMetadata } from '@regledger/shared';
import type { CommandResult, DeciderRuntime, EventStore, RecordedEvent } from '@regledger/event-store';
import { declarationsInForceFor, declarationsStreamId } from '@regledger/declarations/contracts';
import { isComplaintEscalated, type ComplaintEscalatedData } from '@regledger/complaints/contracts';
import { isInspectionsDrawn } from '@regledger/inspections/contracts';
import {
  ComplaintCommandHandler,
  acceptComplaint,
  assignHandler,
  closeComplaint,
  complaintIdFor,
  decideOnCase,
  escalateToInspection,
  notifyReporter,
  receiveComplaint,
  recordMediation,
  rejectComplaint,
  type ComplaintBusCommand,
  type ComplaintChannel,
  type ComplaintKind,
} from '@regledger/complaints';
import {
  DrawInspectionsCommand,
  DrawInspectionsHandler,
  InspectionCommandHandler,
  InspectorBusCommand,
  InspectorCommandHandler,
  MIN_INSPECTORS_PER_TARGET,
  PlanBusCommand,
  PlanCommandHandler,
  VerifyDrawHandler,
  VerifyDrawQuery,
  assignInspectors,
  completeInspection,
  inspectionsFromDrawCommandsFor,
  loadPlanningConfig,
  productFromKey,
  publishInspectionResult,
  recordFindings,
  startInspection,
  targetedInspectionOnEscalationCommandsFor,
  type InspectionBusCommand,
  type InspectorCommand,
  type PlanningConfig,
} from '@regledger/inspections';
import { SEED_PROVINCES, SeedRandom, type SeedPlan } from './seed-generator.js';

/**
 * Supervision data for a seeded province, written after the enterprises and declarations through the same
 * command handlers the API uses: inspectors, complaints and reports at every stage of their lifecycle, an
 * inspection plan with a commitment to a secret derived from the seed, its draw, and the inspections the
 * draw ordered carried out and mostly published. Reactions the running policies would have (tasks from the
 * draw, a targeted inspection on an escalation) are sent here as the same command with the policy's actor
 * and idempotency key, dated at the seed's time, so the policy running later only replays them.
 */

/** Where supervision is written: the engine's decider runtime and store (handlers need both). */
export interface SupervisionTarget {
  runtime: DeciderRuntime;
  store: EventStore;
  /** Seals complainants' identities with per-person keys, as the API does. */
  personalData: PersonalDataVault;
}

export interface SupervisionReport {
  /** Why nothing was written, or null. */
  skipped: string | null;
  /** The last day of the supervision timeline (YYYY-MM-DD). */
  until: string | null;
  inspectors: number;
  inspectorsDeactivated: number;
  conflictsDeclared: number;
  complaints: number;
  complaintsByStatus: Record<string, number>;
  planId: string | null;
  drawnTargets: number;
  inspectionsOpened: number;
  inspectionsCompleted: number;
  inspectionsNonConforming: number;
  inspectionsPublished: number;
  commands: number;
  eventsWritten: number;
  eventsReplayed: number;
  eventsByType: Record<string, number>;
}

export interface SupervisionRunOptions {
  /** Called after each command with the events written so far (new or replayed). */
  onCommand?(events: number): void;
  signal?: AbortSignal;
  /** Planning configuration (credit class, pool read timeout), as the API loads it. */
  planning?: PlanningConfig;
}

const DAY = 86_400_000;
/** Days of the supervision timeline, ending on its last day. */
const TIMELINE_DAYS = 200;
/** Room left after the timeline's end for the deadlines it starts (45 working days of mediation, 20 of publication). */
const CALENDAR_MARGIN_DAYS = 80;
/** The timeline starts only after the enterprises have had this long to register and declare. */
const MIN_HISTORY_DAYS = 400;
/** Random ratio of class B in the seed's plan (design choice: enough tasks for a small data set; the API default is 5 %). */
const SEED_PLAN_RATIO_B = 0.1;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '梁'];
const GIVEN = ['伟', '芳', '敏', '静', '磊', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '华', '建国', '晓东', '丽娟', '志强', '海燕', '文斌', '雪梅'];
const QUALIFICATIONS = ['行政执法证', '产品质量监督抽查', '标准化', '计量', '食品安全'];

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const chinaDate = (ms: number): string => new Date(ms + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
/** An instant in China office hours on the day (10:00 plus `minutes`). */
const at = (date: string, minutes = 0): string => new Date(Date.parse(`${date}T10:00:00Z`) - CHINA_UTC_OFFSET_MS + minutes * 60_000).toISOString();
/** The first working day on or after `date`. */
const workingDayFrom = (date: string): string => {
  let d = date;
  for (let k = 0; k < 14 && !isWorkingDay(d); k++) d = addDays(d, 1);
  return d;
};

/** The secret the seed's plan commits to: derived from the seed options, so the same options give the same draw. */
export const seedPlanSecret = (plan: Pick<SeedPlan, 'seed' | 'province' | 'enterprises' | 'now'>): string =>
  sha256(`regledger-seed-plan|${plan.seed}|${plan.province}|${plan.enterprises}|${plan.now}`);

/** The last day of the supervision timeline, or why there is none: before `now`, and early enough for its deadlines to stay in the official calendar. */
export const supervisionWindow = (plan: Pick<SeedPlan, 'from' | 'now'>): { until: string } | { skipped: string } => {
  const byNow = chinaDate(Date.parse(plan.now) - 5 * DAY);
  const byCalendar = addDays(WORKING_DAY_CALENDAR_RANGE.last, -CALENDAR_MARGIN_DAYS);
  const until = byNow < byCalendar ? byNow : byCalendar;
  if (addDays(until, -TIMELINE_DAYS) < WORKING_DAY_CALENDAR_RANGE.first) return { skipped: `the timeline would start before the working-day calendar (${WORKING_DAY_CALENDAR_RANGE.first})` };
  if (addDays(until, -TIMELINE_DAYS) < addDays(chinaDate(Date.parse(plan.from)), MIN_HISTORY_DAYS - TIMELINE_DAYS)) {
    return { skipped: `the working-day calendar ends on ${WORKING_DAY_CALENDAR_RANGE.last}: too early in the covered period for supervision; choose an earlier --now` };
  }
  return { until };
};

interface SeededEnterprise {
  uscc: string;
  name: string;
  jurisdiction: string;
  registeredAt: string;
  deregistered: boolean;
  renamed: boolean;
  declarations: { id: string; at: string; products: { name: string; model: string }[]; abolished: boolean }[];
}

/** The enterprises and declarations the plan writes, as the supervision part needs them. */
const seededEnterprises = (plan: SeedPlan): SeededEnterprise[] => {
  const byUscc = new Map<string, SeededEnterprise>();
  for (const step of plan.steps) {
    if (step.type === 'RegisterEnterprise') {
      byUscc.set(step.uscc, { uscc: step.uscc, name: step.data.name, jurisdiction: step.data.jurisdiction, registeredAt: step.at, deregistered: false, renamed: false, declarations: [] });
      continue;
    }
    const e = byUscc.get(step.uscc);
    if (!e) continue;
    if (step.type === 'DeregisterEnterprise') e.deregistered = true;
    else if (step.type === 'RenameEnterprise') e.renamed = true;
    else if (step.type === 'DeclareStandard') e.declarations.push({ id: step.data.declarationId, at: step.at, products: step.data.content.products.map((p) => ({ name: p.name, model: p.model })), abolished: false });
    else if (step.type === 'AbolishDeclaration') {
      const d = e.declarations.find((x) => x.id === step.data.declarationId);
      if (d) d.abolished = true;
    }
  }
  return [...byUscc.values()];
};

const cityOf = (division: string): string => `${division.slice(0, 4)}00`;

/** A measured value on the right side of a declared limit (or on the wrong side when not conforming). */
const measured = (declared: string, conforming: boolean, r: SeedRandom): string => {
  const m = /^([≥≤><])\s*(\d+(?:\.\d+)?)/.exec(declared);
  if (!m) return conforming ? '符合' : '不符合';
  const v = Number(m[2]);
  const up = m[1] === '≥' || m[1] === '>';
  const factor = conforming === up ? 1 + r.int(2, 15) / 100 : 1 - r.int(8, 25) / 100;
  const digits = m[2].includes('.') ? m[2].split('.')[1].length : v < 10 ? 2 : 0;
  return (v === 0 ? (conforming ? 0 : 1) : v * factor).toFixed(digits);
};

/**
 * Writes the supervision data of the plan's province through the command handlers. Deterministic for the same plan;
 * idempotent: each command carries a key derived from the plan, so a second run replays instead of writing.
 */
export async function runSupervision(target: SupervisionTarget, plan: SeedPlan, keyPrefix: string, options: SupervisionRunOptions = {}): Promise<SupervisionReport> {
  const report: SupervisionReport = {
    skipped: null,
    until: null,
    inspectors: 0,
    inspectorsDeactivated: 0,
    conflictsDeclared: 0,
    complaints: 0,
    complaintsByStatus: {},
    planId: null,
    drawnTargets: 0,
    inspectionsOpened: 0,
    inspectionsCompleted: 0,
    inspectionsNonConforming: 0,
    inspectionsPublished: 0,
    commands: 0,
    eventsWritten: 0,
    eventsReplayed: 0,
    eventsByType: {},
  };
  const window = supervisionWindow(plan);
  if ('skipped' in window) return { ...report, skipped: window.skipped };
  const until = window.until;
  report.until = until;
  const province = SEED_PROVINCES[plan.province];
  const provinceCode = `${plan.province}0000`;
  const r = new SeedRandom((plan.seed ^ 0x5eed5 ^ (Number(plan.province) * 0x27d4eb2d)) >>> 0);
  const day = (daysBeforeEnd: number): string => workingDayFrom(addDays(until, -daysBeforeEnd));
  const enterprises = seededEnterprises(plan);
  const cutoff = at(day(TIMELINE_DAYS));

  const inspectorHandler = new InspectorCommandHandler(target.runtime);
  const planHandler = new PlanCommandHandler(target.runtime);
  const planning = options.planning ?? loadPlanningConfig(process.env);
  const drawHandler = new DrawInspectionsHandler(target.runtime, target.store, planning);
  const inspectionHandler = new InspectionCommandHandler(target.runtime, target.store);
  const complaintHandler = new ComplaintCommandHandler(target.runtime, target.store, target.personalData);

  let seq = 0;
  const metadata = (actor: Actor, now: string, key?: string): CommandMetadata => {
    const k = key ?? `${keyPrefix}-s${seq}`;
    seq += 1;
    return { now, actor, correlationId: k, idempotencyKey: k };
  };
  const tally = (result: CommandResult): CommandResult => {
    report.commands += 1;
    if (result.replayed) report.eventsReplayed += result.events.length;
    else {
      report.eventsWritten += result.events.length;
      for (const e of result.events) report.eventsByType[e.type] = (report.eventsByType[e.type] ?? 0) + 1;
    }
    options.onCommand?.(report.eventsWritten + report.eventsReplayed);
    return result;
  };
  const stopped = (): boolean => options.signal?.aborted === true;
  const inspector = async (command: InspectorCommand): Promise<CommandResult> => tally(await inspectorHandler.execute(new InspectorBusCommand(command)));
  const complaint = async (message: ComplaintBusCommand): Promise<CommandResult> => tally(await complaintHandler.execute(message));
  const inspection = async (message: InspectionBusCommand): Promise<CommandResult> => tally(await inspectionHandler.execute(message));

  const admin: Actor = { id: `admin-${provinceCode}`, role: 'admin', jurisdiction: provinceCode };
  const supervisor: Actor = { id: `supervisor-${provinceCode}`, role: 'supervisor', jurisdiction: provinceCode };
  const handlerOf = (jurisdiction: string): Actor => ({ id: `handler-${cityOf(jurisdiction)}-01`, role: 'complaint_handler', jurisdiction: cityOf(jurisdiction) });
  const personName = (): string => `${r.pick(SURNAMES)}${r.pick(GIVEN)}`;

  // -- inspectors: three per city, four at the province; qualifications, conflicts, one deactivated --
  interface Planned {
    id: string;
    jurisdiction: string;
  }
  const inspectors: Planned[] = [];
  for (let k = 1; k <= 4; k++) inspectors.push({ id: `INSP-${plan.province}00-${String(k).padStart(2, '0')}`, jurisdiction: provinceCode });
  for (const city of province.cities) for (let k = 1; k <= 3; k++) inspectors.push({ id: `INSP-${city.code.slice(0, 4)}-${String(k).padStart(2, '0')}`, jurisdiction: city.code });
  const eligible = enterprises.filter((e) => !e.deregistered && e.registeredAt < cutoff && e.declarations.length > 0);
  const conflicted = r.shuffle(eligible).slice(0, Math.min(3, eligible.length));
  const registerConflicts = new Map<string, string[]>();
  const laterConflicts: { inspectorId: string; uscc: string }[] = [];
  for (const [k, e] of conflicted.entries()) {
    const inspectorId = `INSP-${e.jurisdiction.slice(0, 4)}-01`;
    if (!inspectors.some((i) => i.id === inspectorId)) continue;
    if (k === 0) registerConflicts.set(inspectorId, [...(registerConflicts.get(inspectorId) ?? []), e.uscc]);
    else if (!laterConflicts.some((c) => c.inspectorId === inspectorId && c.uscc === e.uscc)) laterConflicts.push({ inspectorId, uscc: e.uscc });
  }
  for (const [k, i] of inspectors.entries()) {
    if (stopped()) return report;
    const qualifications = ['行政执法证', ...(r.chance(0.5) ? [r.pick(QUALIFICATIONS.slice(1))] : [])];
    const conflicts = registerConflicts.get(i.id);
    await inspector({
      type: 'RegisterInspector',
      data: { inspectorId: i.id, name: personName(), jurisdiction: i.jurisdiction, qualifications, ...(conflicts ? { conflicts } : {}) },
      metadata: metadata(admin, at(day(TIMELINE_DAYS - Math.floor(k / 8)), k % 8 * 20)),
    });
    report.inspectors += 1;
    report.conflictsDeclared += conflicts?.length ?? 0;
    if (k % 5 === 2) {
      await inspector({
        type: 'UpdateInspectorQualifications',
        data: { inspectorId: i.id, qualifications: [...new Set([...qualifications, '产品质量监督抽查', '标准化'])] },
        metadata: metadata(admin, at(day(150), k)),
      });
    }
  }
  for (const c of laterConflicts) {
    await inspector({ type: 'DeclareInspectorConflict', data: c, metadata: metadata(admin, at(day(140), report.conflictsDeclared)) });
    report.conflictsDeclared += 1;
  }
  const retired = inspectors.find((i) => i.id.endsWith('-03') && i.jurisdiction !== provinceCode);
  if (retired) {
    await inspector({ type: 'DeactivateInspector', data: { inspectorId: retired.id, reason: '调离执法岗位' }, metadata: metadata(admin, at(day(120))) });
    report.inspectorsDeactivated += 1;
  }

  // -- complaints and reports at every stage --
  interface Scenario {
    kind: ComplaintKind;
    channel: ComplaintChannel;
    realName: boolean;
    /** Days before the end of the timeline the item is received. */
    receivedBefore: number;
    steps: readonly ('accept' | 'reject' | 'assign' | 'agreement' | 'failure' | 'close' | 'case' | 'no_case' | 'notify' | 'escalate')[];
  }
  const scenarios: readonly Scenario[] = [
    { kind: 'complaint', channel: '12315_hotline', realName: true, receivedBefore: 3, steps: [] },
    { kind: 'complaint', channel: 'web', realName: true, receivedBefore: 20, steps: ['accept'] },
    { kind: 'complaint', channel: '12315_hotline', realName: true, receivedBefore: 30, steps: ['accept', 'assign'] },
    { kind: 'complaint', channel: 'web', realName: true, receivedBefore: 110, steps: ['accept', 'assign', 'agreement', 'close'] },
    { kind: 'complaint', channel: 'letter', realName: true, receivedBefore: 100, steps: ['accept', 'assign', 'failure', 'close'] },
    { kind: 'complaint', channel: 'transfer', realName: false, receivedBefore: 90, steps: ['reject', 'close'] },
    { kind: 'report', channel: '12315_hotline', realName: true, receivedBefore: 95, steps: ['accept', 'assign', 'case', 'notify', 'close'] },
    { kind: 'report', channel: 'web', realName: false, receivedBefore: 85, steps: ['accept', 'assign', 'no_case', 'close'] },
    { kind: 'report', channel: 'media', realName: true, receivedBefore: 60, steps: ['accept', 'assign', 'escalate'] },
  ];
  const rounds = Math.max(1, Math.round(plan.enterprises / 100));
  const escalated: { complaintId: string; event: RecordedEvent<ComplaintEscalatedData>; on: string }[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const [n, s] of scenarios.entries()) {
      if (stopped()) return report;
      const receivedOn = day(s.receivedBefore + round * 7);
      const candidates = eligible.filter((e) => e.registeredAt < at(receivedOn) && e.declarations.some((d) => d.at < at(receivedOn) && !d.abolished) && !e.renamed);
      if (candidates.length === 0) continue;
      const e = r.pick(candidates);
      const declaration = r.pick(e.declarations.filter((d) => d.at < at(receivedOn) && !d.abolished));
      const product = r.pick(declaration.products);
      const handler = handlerOf(e.jurisdiction);
      const intake = metadata(handler, at(receivedOn, n * 10));
      const complaintId = complaintIdFor({ actorId: handler.id, idempotencyKey: intake.idempotencyKey });
      const name = personName();
      await complaint(
        receiveComplaint(
          {
            complaintId,
            kind: s.kind,
            channel: s.channel,
            uscc: e.uscc,
            ...(r.chance(0.6) ? { declarationId: declaration.id } : {}),
            product,
            facts: s.kind === 'complaint' ? `购买的${product.name}（型号${product.model}）使用中出现故障，与企业声明的性能指标不符，要求退换` : `举报${e.name}生产的${product.name}（型号${product.model}）实际指标低于其自我声明公开的标准`,
            complainant: s.realName
              ? { name, realName: true, phone: `13${r.int(0, 9)}${String(r.int(0, 99_999_999)).padStart(8, '0')}` }
              : { name: '匿名', realName: false },
            ...(s.kind === 'complaint' ? { harmKnownOn: addDays(receivedOn, -r.int(3, 40)) } : {}),
            receivedOn,
            jurisdiction: cityOf(e.jurisdiction),
          },
          intake,
        ),
      );
      report.complaints += 1;
      let on = receivedOn;
      const next = (days: number): string => (on = workingDayFrom(addDays(on, days)));
      let status = 'received';
      for (const step of s.steps) {
        if (step === 'accept') {
          const date = next(r.int(1, 4));
          await complaint(acceptComplaint({ complaintId, on: date }, metadata(handler, at(date, 30))));
          status = 'accepted';
        } else if (step === 'reject') {
          const date = next(r.int(1, 4));
          await complaint(rejectComplaint({ complaintId, reason: '不属于本部门管辖范围，已告知向有管辖权的部门提出', on: date }, metadata(handler, at(date, 30))));
          status = 'rejected';
        } else if (step === 'assign') {
          const date = next(1);
          await complaint(assignHandler({ complaintId, handlerId: handler.id, on: date }, metadata(handler, at(date, 60))));
        } else if (step === 'agreement' || step === 'failure') {
          const date = next(r.int(10, 25));
          const summary = step === 'agreement' ? '经调解，企业同意为消费者更换同型号产品并承担运费' : '经调解，双方未能达成一致，已告知消费者可依法申请仲裁或提起诉讼';
          await complaint(recordMediation({ complaintId, outcome: step, summary, on: date }, metadata(handler, at(date, 90))));
        } else if (step === 'case' || step === 'no_case') {
          const date = next(r.int(5, 10));
          const reason = step === 'case' ? '核查发现产品实际指标低于声明值，涉嫌违法，依法立案' : '经核查，未发现违法行为，不予立案';
          await complaint(decideOnCase({ complaintId, openCase: step === 'case', reason, on: date }, metadata(handler, at(date, 90))));
        } else if (step === 'notify') {
          const date = next(r.int(1, 3));
          await complaint(notifyReporter({ complaintId, on: date }, metadata(handler, at(date, 120))));
        } else if (step === 'escalate') {
          const date = next(r.int(3, 8));
          const result = await complaint(escalateToInspection({ complaintId, reason: '举报线索具体，转定向检查', on: date }, metadata(handler, at(date, 120))));
          const event = result.events.find(isComplaintEscalated);
          if (event) escalated.push({ complaintId, event, on: date });
        } else if (step === 'close') {
          const date = next(r.int(1, 3));
          const outcome = status === 'rejected' ? 'rejected' : s.kind === 'report' ? 'case_decided' : s.steps.includes('agreement') ? 'agreement' : 'no_agreement';
          await complaint(closeComplaint({ complaintId, outcome, summary: '办结', on: date }, metadata(handler, at(date, 150))));
          status = 'closed';
        }
      }
      report.complaintsByStatus[status] = (report.complaintsByStatus[status] ?? 0) + 1;
    }
  }

  // -- a plan at the province with a commitment, then its draw --
  if (stopped()) return report;
  const secret = seedPlanSecret(plan);
  const planMeta = metadata(supervisor, at(day(100)));
  const planId = `PLAN-${uuidv5(`${supervisor.id}:${planMeta.idempotencyKey}`, '3b0d6a52-8f0e-4f8e-bb0c-7d1f5a9c2e65')}`;
  report.planId = planId;
  const year = day(100).slice(0, 4);
  tally(
    await planHandler.execute(
      new PlanBusCommand({
        type: 'CreateInspectionPlan',
        data: {
          planId,
          jurisdiction: provinceCode,
          name: `${year}年${province.name}企业标准自我声明公开双随机抽查`,
          scope: { productCategories: null, standardKinds: null, keyCategoriesOnly: false },
          policy: { ratios: { B: SEED_PLAN_RATIO_B } },
          period: { from: day(95), to: addDays(until, 0) },
          commitment: sha256(secret),
        },
        metadata: planMeta,
      }),
    ),
  );
  const drawOn = day(90);
  // A second run sends the same key: the handler answers with the recorded draw.
  const drawn = tally(await drawHandler.execute(new DrawInspectionsCommand(planId, secret, metadata(supervisor, at(drawOn)))));
  const drawnEvent = drawn.events.find(isInspectionsDrawn);
  if (!drawnEvent) return report;

  // -- the tasks the draw ordered, as the tasks-from-draw policy opens them (one per assignment, in order) --
  const assignments = drawnEvent.data.result.assignments;
  report.drawnTargets = assignments.length;
  const tasks: { inspectionId: string; uscc: string; product: { name: string; model: string } | null; inspectorIds: string[]; openedOn: string }[] = [];
  for (const [k, message] of inspectionsFromDrawCommandsFor(drawnEvent, new Date(at(drawOn, 5))).entries()) {
    if (stopped()) return report;
    const a = assignments[k];
    await inspection(message);
    report.inspectionsOpened += 1;
    tasks.push({ inspectionId: message.inspectionId, uscc: a.uscc, product: productFromKey(a.productKey ?? null), inspectorIds: [...a.inspectorIds], openedOn: drawOn });
  }

  // -- the targeted inspections the escalations call for, as the escalation policy opens them; a supervisor assigns inspectors --
  for (const x of escalated) {
    if (stopped()) return report;
    const d = x.event.data;
    for (const message of targetedInspectionOnEscalationCommandsFor(x.event, new Date(at(x.on, 30)))) {
      await inspection(message);
      report.inspectionsOpened += 1;
      const team = inspectors.filter((i) => (i.jurisdiction === d.jurisdiction || i.jurisdiction === provinceCode) && i !== retired && !registerConflicts.get(i.id)?.includes(d.uscc) && !laterConflicts.some((c) => c.inspectorId === i.id && c.uscc === d.uscc));
      const inspectorIds = team.slice(0, MIN_INSPECTORS_PER_TARGET).map((i) => i.id);
      const assignedOn = workingDayFrom(addDays(x.on, 1));
      await inspection(assignInspectors({ inspectionId: message.inspectionId, inspectorIds }, metadata(supervisor, at(assignedOn, 60))));
      tasks.push({ inspectionId: message.inspectionId, uscc: d.uscc, product: d.product, inspectorIds, openedOn: assignedOn });
    }
  }

  // -- field work: start, findings on every declared indicator, completion (mostly conforming), publication (mostly) --
  let sampled = 0;
  for (const [k, task] of tasks.entries()) {
    if (stopped()) return report;
    if (!task.product) continue;
    const lead = task.inspectorIds[0];
    const actor: Actor = { id: lead, role: 'inspector', jurisdiction: inspectors.find((i) => i.id === lead)?.jurisdiction ?? provinceCode };
    const startOn = workingDayFrom(addDays(task.openedOn, r.int(3, 12)));
    const history = await target.store.readStream(declarationsStreamId(task.uscc));
    let productionDate = addDays(task.openedOn, -r.int(5, 40));
    let inForce = declarationsInForceFor(history, task.product, productionDate);
    if (inForce.length === 0) {
      productionDate = task.openedOn;
      inForce = declarationsInForceFor(history, task.product, productionDate);
    }
    await inspection(startInspection({ inspectionId: task.inspectionId }, metadata(actor, at(startOn, 30))));
    const version = inForce[0];
    if (!version) {
      continue;
    }
    // One in four of the samples with disclosed indicators fails one of them, the first such sample included.
    const nonConforming = version.indicators.length > 0 && sampled++ % 4 === 0;
    const failing = nonConforming ? r.int(0, version.indicators.length - 1) : -1;
    const findingsOn = workingDayFrom(addDays(startOn, r.int(1, 5)));
    if (version.indicators.length > 0) await inspection(
      recordFindings(
        {
          inspectionId: task.inspectionId,
          findings: version.indicators.map((i, n) => ({
            indicator: i.name,
            declaredValue: i.value,
            measuredValue: measured(i.value, n !== failing, r),
            unit: i.unit,
            testMethod: i.testMethod,
            conforming: n !== failing,
          })),
        },
        metadata(actor, at(findingsOn, 60)),
      ),
    );
    const completedOn = workingDayFrom(addDays(findingsOn, r.int(1, 6)));
    await inspection(
      completeInspection(
        {
          inspectionId: task.inspectionId,
          outcome: nonConforming ? 'non_conforming' : 'conforming',
          productionDate,
          product: null,
          declarationId: inForce.length > 1 ? version.declarationId : null,
          note: nonConforming ? `${version.indicators[failing].name}不符合企业声明的标准要求` : null,
        },
        metadata(actor, at(completedOn, 90)),
      ),
    );
    report.inspectionsCompleted += 1;
    if (nonConforming) report.inspectionsNonConforming += 1;
    if (k === tasks.length - 1 && tasks.length > 1) continue;
    const publishedOn = workingDayFrom(addDays(completedOn, r.int(2, 15)));
    await inspection(publishInspectionResult({ inspectionId: task.inspectionId }, metadata(supervisor, at(publishedOn, 120))));
    report.inspectionsPublished += 1;
  }
  return report;
}

/** What the verify route answers for a plan's draw, computed by the same query handler. */
export const verifySeededDraw = (store: EventStore, planId: string, planning: PlanningConfig = loadPlanningConfig(process.env)) =>
  new VerifyDrawHandler(store, planning).execute(new VerifyDrawQuery(planId));
