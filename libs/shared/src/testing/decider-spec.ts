import { expect } from '@jest/globals';
import type { Command, Decider, DomainEvent } from '../decider.js';
import { DomainError } from '../domain-error.js';

/**
 * given(events).when(command).then(events | { code }) for deciders.
 *
 *   DeciderSpec.for(enterpriseDecider).given([registered]).when(rename).then([renamed]);
 *   DeciderSpec.for(enterpriseDecider).given([]).when(rename).thenThrows('ENTERPRISE.NOT_FOUND');
 */
export const DeciderSpec = {
  for<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
    return {
      given(events: E[]) {
        return {
          when(command: C) {
            const run = (): E[] => {
              const state = events.reduce((s, e) => decider.evolve(s, e), decider.initialState());
              return decider.decide(command, state);
            };
            return {
              then(expected: E[] | ((actual: E[]) => void)): void {
                const actual = run();
                if (typeof expected === 'function') expected(actual);
                else expect(actual).toEqual(expected);
              },
              thenThrows(code: string): DomainError {
                let caught: unknown;
                try {
                  run();
                } catch (e) {
                  caught = e;
                }
                expect(caught).toBeInstanceOf(DomainError);
                expect((caught as DomainError).code).toBe(code);
                return caught as DomainError;
              },
            };
          },
        };
      },
    };
  },
};
