import dayjs, { type Dayjs } from 'dayjs';
import { todayIn } from '../../core/time/dates';

/**
 * Today in China's time zone (the programme's), whatever the browser's: the date forms default to
 * and the server checks against ("not in the future", "not before enrolment"). A browser on UTC is a
 * day behind Beijing from 16:00 to midnight.
 */
export function today(): Dayjs {
  return dayjs(todayIn());
}
