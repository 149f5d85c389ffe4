import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AssignmentList,
  CompletionImportReport,
  CompletionList,
  CourseList,
  CoverageOut,
  ImportColumns,
  MyCatalogue,
  MyCourses,
  QuarterView,
} from '../../../contracts/courses';
import { api, type QueryValue } from '../../app/api-client';

export type CourseListData = z.infer<typeof CourseList>;
export type CourseItem = CourseListData['items'][number];
export type AssignmentData = z.infer<typeof AssignmentList>;
export type CompletionListData = z.infer<typeof CompletionList>;
export type QuarterData = z.infer<typeof QuarterView>;
export type MyCoursesData = z.infer<typeof MyCourses>;
export type MyCatalogueData = z.infer<typeof MyCatalogue>;
export type ColumnsData = z.infer<typeof ImportColumns>;
export type CompletionReport = CompletionImportReport;
export type CoverageData = z.infer<typeof CoverageOut>;

/** Every course query starts with this key, so a write refreshes every view. */
export const COURSES_KEY = ['courses'] as const;

const useList = <T>(path: string, query: Record<string, QueryValue>, enabled = true) =>
  useQuery({
    queryKey: [...COURSES_KEY, path, query],
    queryFn: () => api<T>(path, { query }),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useCourses = (query: Record<string, QueryValue>) => useList<CourseListData>('/courses', query);
export const useAssignments = (query: Record<string, QueryValue>) =>
  useList<AssignmentData>('/course-assignments', query);
export const useCoverage = (unitId: string | undefined, periodKey: string) =>
  useList<CoverageData>('/course-assignments/coverage', { unitId, periodKey }, !!unitId);
export const useCompletions = (query: Record<string, QueryValue>) =>
  useList<CompletionListData>('/course-completions', query);
export const useQuarterView = (query: Record<string, QueryValue>) =>
  useList<QuarterData>('/course-quarter', query);
export const useMyCourses = (periodKey: string) => useList<MyCoursesData>('/my/courses', { periodKey });
export const useMyCatalogue = (query: Record<string, QueryValue>, enabled: boolean) =>
  useList<MyCatalogueData>('/my/courses/catalogue', query, enabled);
