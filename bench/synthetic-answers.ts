// What people answer in the fictional trust: pulse choices with "yes" growing a little week by week, a few
// short comments (none the patient-data guard objects to), and plausible measure values for each scale.
import type { MeasureValue, PulseChoice } from '../src/domain/answers.js';
import { maturityLevels, type Catalogue, type PrincipleId } from '../src/domain/catalogue.js';
import type { PulseRecord } from '../src/domain/checkins.js';
import type { Random } from './random.js';
import { aadOf } from './synthetic-org.js';

const COMMENTS = [
  'Busy week, but we made time to ask patients what mattered to them.',
  'Our patient partner joined the team huddle on Tuesday.',
  'Hard to find time this week with staffing gaps.',
  'We changed the visiting information after feedback from carers.',
];

export function pulseOf(
  random: Random,
  person: number,
  unitId: string,
  principles: readonly PrincipleId[],
  week: number,
  answeredAt: string,
): PulseRecord {
  const yes = Math.min(0.85, 0.45 + 0.006 * week);
  const choice = (): PulseChoice => {
    const roll = random.next();
    return roll < yes ? 'yes' : roll < 0.95 ? 'no' : 'notApplicable';
  };
  return {
    aadObjectId: aadOf(person),
    unitId,
    choices: Object.fromEntries(principles.map((principle) => [principle, choice()])),
    ...(random.chance(0.04) ? { comment: random.pick(COMMENTS) } : {}),
    version: random.chance(0.08) ? 2 : 1,
    answeredAt,
  };
}

/** A measure's answer; maturity climbs a level a quarter. */
export function measureValue(
  catalogue: Catalogue,
  measureId: string,
  week: number,
  random: Random,
): MeasureValue {
  const measure = catalogue.measures.find((m) => m.id === measureId)!;
  switch (measure.scale) {
    case 'maturity':
      return { scale: 'maturity', level: maturityLevels[Math.min(3, Math.floor(week / 13))]! };
    case 'yesNo':
      return { scale: 'yesNo', answer: random.chance(0.7) ? 'yes' : 'no' };
    case 'count':
      return { scale: 'count', count: random.int(0, 12) };
    case 'percent': {
      const denominator = random.int(10, 40);
      return { scale: 'percent', numerator: random.int(0, denominator), denominator };
    }
  }
}
