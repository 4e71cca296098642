import { describe, expect, it } from '@jest/globals';
import { buildCausalTree, traceLines, type TraceNode, type TraceableEvent } from './trace-correlation.js';

type E = TraceableEvent & { type: string };
const ev = (eventId: string, streamId: string, type: string, causationId: string | null = null): E => ({ eventId, streamId, type, causationId });

/** The tree as nested `[type, link, children]`, to compare shapes. */
const shape = (nodes: TraceNode<E>[]): unknown[] => nodes.map((n) => [n.event.type, n.link, shape(n.children)]);

describe('buildCausalTree', () => {
  it('given a chain of reactions, when built, then each reaction hangs under the event that caused it', () => {
    const tree = buildCausalTree([
      ev('1', 'complaint-c', 'ComplaintEscalated'),
      ev('2', 'inspection-task-i', 'InspectionOpened', '1'),
      ev('3', 'matters-m', 'MatterOpened', '2'),
      ev('4', 'credit-u', 'CreditEntryRecorded', '3'),
    ]);
    expect(shape(tree)).toEqual([['ComplaintEscalated', 'root', [['InspectionOpened', 'causation', [['MatterOpened', 'causation', [['CreditEntryRecorded', 'causation', []]]]]]]]]);
  });

  it("given later commands on a stream the chain reached, when built, then they hang under the chain's first event on that stream, in log order", () => {
    const tree = buildCausalTree([
      ev('1', 'complaint-c', 'ComplaintReceived'),
      ev('2', 'complaint-c', 'ComplaintEscalated'),
      ev('3', 'inspection-task-i', 'InspectionOpened', '2'),
      ev('4', 'inspection-task-i', 'InspectorsAssigned'),
      ev('5', 'inspection-task-i', 'InspectionCompleted'),
      ev('6', 'matters-m', 'MatterOpened', '5'),
      ev('7', 'credit-u', 'CreditEntryRecorded', '6'),
      ev('8', 'credit-u', 'RiskClassChanged', '6'),
    ]);
    expect(shape(tree)).toEqual([
      [
        'ComplaintReceived',
        'root',
        [
          [
            'ComplaintEscalated',
            'stream',
            [
              [
                'InspectionOpened',
                'causation',
                [
                  ['InspectorsAssigned', 'stream', []],
                  ['InspectionCompleted', 'stream', [['MatterOpened', 'causation', [['CreditEntryRecorded', 'causation', []], ['RiskClassChanged', 'causation', []]]]]],
                ],
              ],
            ],
          ],
        ],
      ],
    ]);
  });

  it('given commands on unrelated streams and a cause outside the set, when built, then they are roots in log order', () => {
    const tree = buildCausalTree([ev('1', 'enterprise-a', 'EnterpriseRegistered'), ev('2', 'declarations-a', 'StandardDeclared', 'not-in-set'), ev('3', 'enterprise-b', 'EnterpriseRegistered')]);
    expect(shape(tree)).toEqual([
      ['EnterpriseRegistered', 'root', []],
      ['StandardDeclared', 'root', []],
      ['EnterpriseRegistered', 'root', []],
    ]);
  });

  it('given a causation naming a later event, when built, then no cycle forms: the event stays a root', () => {
    const tree = buildCausalTree([ev('1', 's-1', 'A', '2'), ev('2', 's-2', 'B', '1')]);
    expect(shape(tree)).toEqual([['A', 'root', [['B', 'causation', []]]]]);
  });
});

describe('traceLines', () => {
  it('given a tree, when printed, then children are indented under their parent with branch marks', () => {
    const node = (type: string, streamId: string, link: TraceNode['link'], children: TraceNode[] = []): TraceNode => ({
      event: {
        eventId: type,
        streamId,
        context: null,
        revision: '0',
        globalPosition: '1',
        type,
        schemaVersion: 1,
        actor: 'u',
        role: 'supervisor',
        jurisdiction: '440000',
        reason: null,
        correlationId: 'c',
        causationId: null,
        recordedAt: '2026-10-12T00:00:00.000Z',
        businessTime: null,
        hash: 'h',
        data: {},
      },
      link,
      children,
    });
    const lines = traceLines([node('A', 's-a', 'root', [node('B', 's-b', 'causation', [node('D', 's-d', 'causation')]), node('C', 's-a', 'stream')])]);
    expect(lines.map((l) => l.replace(/ {2}by .*?(\s\[same stream\])?$/, '$1'))).toEqual(['A  s-a#0', '├─ B  s-b#0', '│  └─ D  s-d#0', '└─ C  s-a#0 [same stream]']);
  });
});
