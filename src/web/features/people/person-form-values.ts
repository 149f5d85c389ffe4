import dayjs, { type Dayjs } from 'dayjs';
import type { PersonBody, PersonDetailData } from './people-api';

type AssessmentGrade = NonNullable<PersonBody['assessments']>[number]['grade'];
type ResumeRow = { from?: Dayjs | null; to?: Dayjs | null; text?: string };
type AssessmentRow = { year?: number | null; grade?: string | null };

const DATE_FIELDS = ['birthDate', 'partyJoinDate', 'workStartDate', 'postSince'] as const;
type DateField = (typeof DATE_FIELDS)[number];

// Value-list fields hold plain strings in answers; the selects only offer the listed values.
const ENUM_FIELDS = [
  'gender',
  'politicalStatus',
  'fullTimeEducation',
  'fullTimeDegree',
  'inServiceEducation',
  'inServiceDegree',
] as const;
type EnumField = (typeof ENUM_FIELDS)[number];

/** What the antd form holds: dates as dayjs, résumé months as dayjs, everything else as sent. */
export type PersonFormValues = Omit<PersonBody, DateField | EnumField | 'resume' | 'assessments'> & {
  [K in EnumField]?: string | null;
} & {
  [K in DateField]?: Dayjs | null;
} & {
  resume?: ResumeRow[];
  assessments?: AssessmentRow[];
};

const day = (value: string | null | undefined) => (value ? dayjs(value) : null);

/** Form values of an existing person (or an empty form with the unit preselected). */
export function toFormValues(person?: PersonDetailData, unitId?: string): Partial<PersonFormValues> {
  if (!person) return { isMiddleManager: false, unitId, resume: [], assessments: [] };
  return {
    ...person,
    birthDate: day(person.birthDate),
    partyJoinDate: day(person.partyJoinDate),
    workStartDate: day(person.workStartDate),
    postSince: day(person.postSince),
    resume: person.resume.map((line) => ({
      from: day(`${line.from}-01`),
      to: day(line.to ? `${line.to}-01` : null),
      text: line.text,
    })),
    assessments: person.assessments.map((a) => ({ ...a })),
  };
}

/** The request body of the create and edit calls. */
export function toBody(values: PersonFormValues): PersonBody {
  const { resume, assessments, idNumber, ...rest } = values;
  const body = {
    ...rest,
    birthDate: values.birthDate?.format('YYYY-MM-DD') ?? null,
    partyJoinDate: values.partyJoinDate?.format('YYYY-MM-DD') ?? null,
    workStartDate: values.workStartDate?.format('YYYY-MM-DD') ?? null,
    postSince: values.postSince?.format('YYYY-MM-DD') ?? null,
    resume: (resume ?? []).map((line) => ({
      from: line.from?.format('YYYY-MM') ?? '',
      to: line.to?.format('YYYY-MM') ?? null,
      text: line.text ?? '',
    })),
    assessments: (assessments ?? []).map((a) => ({ year: a.year ?? 0, grade: a.grade as AssessmentGrade })),
  } as PersonBody;
  // The ID number is write-only: an empty box means "leave it as it is".
  if (idNumber) body.idNumber = idNumber;
  // Answers carry fields the body must not (id, version, actions …); keep only the editable ones.
  return pickEditable(body);
}

const EDITABLE: (keyof PersonBody)[] = [
  'employeeNo',
  'name',
  'gender',
  'ethnicity',
  'birthDate',
  'nativePlace',
  'politicalStatus',
  'partyJoinDate',
  'workStartDate',
  'fullTimeEducation',
  'fullTimeDegree',
  'fullTimeSchool',
  'fullTimeMajor',
  'inServiceEducation',
  'inServiceDegree',
  'inServiceSchool',
  'inServiceMajor',
  'professionalTitle',
  'currentPost',
  'postSince',
  'grade',
  'isMiddleManager',
  'unitId',
  'phone',
  'idNumber',
  'resume',
  'rewardsPunishments',
  'assessments',
];

function pickEditable(body: PersonBody): PersonBody {
  const out: Record<string, unknown> = {};
  for (const key of EDITABLE) {
    const value = body[key];
    if (value !== undefined) out[key] = value === '' ? null : value;
  }
  return out as PersonBody;
}
