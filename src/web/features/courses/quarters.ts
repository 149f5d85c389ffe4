import { previousQuarter, quarterOf } from '../../../core/courses/quarters';
import { addMonths, todayIn } from '../../../core/time/dates';

/** The quarter today falls in (the office's time zone). */
export const currentQuarter = () => quarterOf(todayIn());

/** Quarters to pick from: the next one, this one and the previous six. */
export function quarterOptions(): { value: string; label: string }[] {
  const out = [quarterOf(addMonths(todayIn(), 3))];
  let q = currentQuarter();
  for (let i = 0; i < 7; i++) {
    out.push(q);
    q = previousQuarter(q);
  }
  return out.map((value) => ({ value, label: value }));
}
