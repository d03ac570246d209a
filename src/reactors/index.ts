import { creditEffectsReactor } from './credit-effects.reactor';
import type { Reactor } from './reactor';
import { personNamesReactor } from './person-names.reactor';
import { sealedVerdictsReactor } from './sealed-verdicts.reactor';

/** Every reactor the runner feeds, each with its own checkpoint. */
export const reactors: readonly Reactor[] = [
  creditEffectsReactor,
  sealedVerdictsReactor,
  personNamesReactor,
];
