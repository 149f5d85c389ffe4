import type { z } from 'zod';
import type { PeopleListQuery } from '../../../contracts/people.js';
import { assertPermission } from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import { buildTemplate, type ExportColumn, streamWorkbook } from '../../platform/excel.js';
import type { ServiceContext } from '../../platform/request-context.js';
import { iteratePeople } from './people.repository.js';
import { peopleFilterOf } from './people.service.js';
import { formatAssessments, formatResume, ROSTER_COLUMNS } from './people-import.columns.js';

/** The roster import template: the import's columns, an example row and a sheet of notes. */
export async function buildRosterTemplate(): Promise<Buffer> {
  const example: Record<string, string> = {
    employeeNo: 'JZ0001',
    name: '张明',
    gender: '男',
    ethnicity: '汉族',
    birthDate: '1986-04-12',
    nativePlace: '湖南长沙',
    politicalStatus: '中共党员',
    partyJoinDate: '2007-06-01',
    workStartDate: '2008-07-01',
    fullTimeEducation: '大学本科',
    fullTimeDegree: '学士',
    fullTimeSchool: '南京邮电大学',
    fullTimeMajor: '通信工程',
    professionalTitle: '工程师',
    currentPost: '市场部主管',
    postSince: '2021-03-01',
    grade: '七级',
    isMiddleManager: '否',
    unitCode: 'SC',
    phone: '13800000000',
    resume: '2004-09—2008-07 南京邮电大学通信工程专业学习\n2008-07— 江州市分公司工作',
    assessments: '2023 称职；2024 优秀',
  };
  return buildTemplate({
    sheetName: '人员名册',
    columns: ROSTER_COLUMNS.map((c) => ({
      header: c.header,
      required: c.required,
      width: c.width,
      note: c.note,
    })),
    example: ROSTER_COLUMNS.map((c) => example[c.field] ?? null),
  });
}

const EXPORT_COLUMNS: ExportColumn[] = [
  ...ROSTER_COLUMNS.filter((c) => c.field !== 'idNumber' && c.field !== 'unitCode').map((c) => ({
    header: c.header,
    key: c.field,
    width: c.width,
  })),
  { header: '所在机构', key: 'unitName', width: 20 },
  { header: '所在机构编码', key: 'unitCode' },
  { header: '身份证号码（脱敏）', key: 'idNumberMasked', width: 22 },
  { header: '状态', key: 'status', width: 8 },
];

/**
 * The filtered people list as a streamed workbook. ID numbers leave only masked. The export itself
 * is audited (what was exported, by whom).
 */
export async function exportPeople(ctx: ServiceContext, query: z.infer<typeof PeopleListQuery>) {
  assertPermission(ctx.actor, 'people.export');
  const filter = await peopleFilterOf(ctx, query);
  await writeAudit(ctx.db, ctx.audit, {
    action: 'person.exported',
    entityType: 'person',
    summary: `导出人员名册（筛选：${JSON.stringify({ ...query, page: undefined, pageSize: undefined })}）`,
  });
  async function* rows() {
    for await (const batch of iteratePeople(ctx.db, filter)) {
      yield batch.map(({ person, unitName, unitCode }) => ({
        ...person,
        isMiddleManager: person.isMiddleManager ? '是' : '否',
        resume: formatResume(person.resume),
        assessments: formatAssessments(person.assessments),
        unitName,
        unitCode,
        status: person.active ? '在职' : '离职',
      }));
    }
  }
  return streamWorkbook({ sheetName: '人员名册', columns: EXPORT_COLUMNS, rows: rows() });
}
