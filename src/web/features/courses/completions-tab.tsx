import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client';
import { useSession } from '../../app/session';
import { reportError } from '../../shared/errors';
import { PersonPicker } from '../../shared/person-picker';
import { today } from '../../shared/today';
import { CompletionImportModal } from './completion-import-modal';
import { CourseSelect } from './course-select';
import { COURSES_KEY, useCompletions } from './courses-api';

/** Completions (学习记录) in HR's scope: searched, paged; entered by hand or imported; deletable. */
export function CompletionsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const canManage = useSession().permissions.includes('learning.manage');
  const [filters, setFilters] = useState({ search: '', page: 1, pageSize: 20 });
  const list = useCompletions(filters);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const refresh = () => void client.invalidateQueries({ queryKey: COURSES_KEY });
  const remove = async (id: string) => {
    try {
      await api(`/course-completions/${id}`, { method: 'DELETE' });
      message.success(t('course.deleted'));
      refresh();
    } catch (error) {
      reportError(error, { message });
    }
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Input.Search
          data-testid="completion-search"
          placeholder={t('course.searchCompletions')}
          allowClear
          onSearch={(search) => setFilters({ ...filters, page: 1, search: search.trim() })}
          style={{ width: 260 }}
        />
        {canManage && (
          <Space>
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="completion-add">
              {t('course.record')}
            </Button>
            <Button
              type="primary"
              icon={<UploadOutlined />}
              onClick={() => setImporting(true)}
              data-testid="completion-import"
            >
              {t('course.importCompletions')}
            </Button>
          </Space>
        )}
      </Space>
      <Table
        data-testid="completion-table"
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        locale={{ emptyText: t('course.noCompletions') }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total,
          onChange: (page, pageSize) => setFilters({ ...filters, page, pageSize }),
        }}
        columns={[
          { title: t('course.person'), dataIndex: 'personName', width: 90 },
          { title: t('course.employeeNo'), dataIndex: 'employeeNo', width: 110 },
          { title: t('course.unit'), dataIndex: 'unitName', width: 140 },
          { title: t('course.name'), key: 'course', render: (_, r) => `${r.course.code} ${r.course.title}` },
          { title: t('course.completedOn'), dataIndex: 'completedOn', width: 110 },
          {
            title: t('course.countsFor'),
            key: 'counts',
            width: 150,
            render: (_, r) =>
              r.countsFor ? (
                <Tag color={r.countsFor.kind === 'assigned' ? 'blue' : 'purple'}>
                  {t(r.countsFor.kind === 'assigned' ? 'course.kindAssigned' : 'course.kindChosen', {
                    period: r.countsFor.periodKey,
                  })}
                </Tag>
              ) : (
                <Tag>{t('course.countsNone')}</Tag>
              ),
          },
          {
            title: t('course.source'),
            dataIndex: 'source',
            width: 90,
            render: (s: string) => t(s === 'manual' ? 'course.sourceManual' : 'course.sourceImport'),
          },
          {
            title: '',
            key: 'actions',
            width: 70,
            render: (_, r) =>
              r.actions.delete && (
                <Popconfirm title={t('course.deleteConfirm')} onConfirm={() => void remove(r.id)}>
                  <Button type="link" danger size="small">
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <RecordModal open={adding} onClose={() => setAdding(false)} onSaved={refresh} />
      <CompletionImportModal open={importing} onClose={() => setImporting(false)} onCommitted={refresh} />
    </>
  );
}

type Values = { personId: string; courseIds: string[]; completedOn: Dayjs; hours?: string };

function RecordModal(props: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = async (v: Values) => {
    try {
      await api('/course-completions', {
        method: 'POST',
        body: {
          personId: v.personId,
          courseId: v.courseIds[0],
          completedOn: v.completedOn.format('YYYY-MM-DD'),
          hours: v.hours || null,
        },
      });
      message.success(t('course.recorded'));
      form.resetFields();
      props.onSaved();
      props.onClose();
    } catch (error) {
      reportError(error, { message, form });
    }
  };
  const required = { required: true, message: t('common.required') };
  return (
    <Modal
      open={props.open}
      title={t('course.record')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{ completedOn: today() }}
      >
        <Form.Item name="personId" label={t('course.person')} rules={[required]}>
          <PersonPicker />
        </Form.Item>
        <Form.Item name="courseIds" label={t('course.name')} rules={[required]}>
          <CourseSelect max={1} />
        </Form.Item>
        <Form.Item name="completedOn" label={t('course.completedOn')} rules={[required]}>
          <DatePicker disabledDate={(d) => d.isAfter(today(), 'day')} />
        </Form.Item>
        <Form.Item name="hours" label={t('course.hours')}>
          <Input style={{ width: 120 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
