import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { download } from '../../shared/download';
import { ImportModal } from '../../shared/import-modal';
import { CourseFormModal } from './course-form-modal';
import { COURSES_KEY, type CourseItem, useCourses } from './courses-api';

/** The catalogue: searched, filtered by category and state, paged; add, edit, import, export. */
export function CatalogueTab() {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const canManage = session.permissions.includes('learning.manage');
  const [filters, setFilters] = useState({ search: '', category: '', active: 'true', page: 1, pageSize: 20 });
  const list = useCourses(filters);
  const [editing, setEditing] = useState<CourseItem | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const update = (patch: Partial<typeof filters>) => setFilters({ ...filters, page: 1, ...patch });
  return (
    <>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Input.Search
            data-testid="course-search"
            placeholder={t('course.searchCatalogue')}
            allowClear
            onSearch={(search) => update({ search: search.trim() })}
            style={{ width: 220 }}
          />
          <Select
            placeholder={t('course.category')}
            allowClear
            value={filters.category || undefined}
            onChange={(category?: string) => update({ category: category ?? '' })}
            options={(list.data?.categories ?? []).map((c) => ({ value: c, label: c }))}
            style={{ width: 140 }}
          />
          <Select
            value={filters.active}
            onChange={(active: string) => update({ active })}
            options={[
              { value: 'true', label: t('course.active') },
              { value: 'false', label: t('course.inactive') },
              { value: 'all', label: t('course.allStates') },
            ]}
            style={{ width: 110 }}
          />
        </Space>
        <Space wrap>
          {canManage && (
            <>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                data-testid="course-add"
              >
                {t('course.add')}
              </Button>
              <Button
                icon={<UploadOutlined />}
                onClick={() => setImporting(true)}
                data-testid="course-import"
              >
                {t('course.import')}
              </Button>
            </>
          )}
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download('/courses/export', { ...filters, page: undefined, pageSize: undefined })}
            data-testid="course-export"
          >
            {t('common.export')}
          </Button>
        </Space>
      </Space>
      <Table
        data-testid="course-table"
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        locale={{ emptyText: t('course.emptyCatalogue') }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total,
          showSizeChanger: true,
          onChange: (page, pageSize) => setFilters({ ...filters, page, pageSize }),
        }}
        columns={[
          { title: t('course.code'), dataIndex: 'code', width: 130 },
          {
            title: t('course.name'),
            dataIndex: 'title',
            render: (title: string, row) =>
              row.link ? (
                <a href={row.link} target="_blank" rel="noopener noreferrer">
                  {title}
                </a>
              ) : (
                title
              ),
          },
          { title: t('course.category'), dataIndex: 'category', width: 110 },
          { title: t('course.hours'), dataIndex: 'hours', width: 70, align: 'right' },
          { title: t('course.owner'), dataIndex: 'unitName', width: 150 },
          {
            title: t('course.state'),
            dataIndex: 'active',
            width: 80,
            render: (active: boolean) =>
              active ? <Tag color="green">{t('course.active')}</Tag> : <Tag>{t('course.inactive')}</Tag>,
          },
          {
            title: '',
            key: 'actions',
            width: 80,
            render: (_, row) =>
              row.actions.edit && (
                <Button type="link" size="small" onClick={() => setEditing(row)}>
                  {t('common.edit')}
                </Button>
              ),
          },
        ]}
      />
      <CourseFormModal
        course={editing}
        onClose={() => setEditing(null)}
        onSaved={() => void client.invalidateQueries({ queryKey: COURSES_KEY })}
      />
      <ImportModal
        open={importing}
        title={t('course.import')}
        basePath="/courses/import"
        onClose={() => setImporting(false)}
        onCommitted={() => void client.invalidateQueries({ queryKey: COURSES_KEY })}
      />
    </>
  );
}
