import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Result, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api-client';
import { PageLoading } from '../../app/guards';
import { NotFoundPage } from '../../app/not-found-page';
import { reportError } from '../../shared/errors';
import { createPerson, PEOPLE_KEY, type PersonBody, updatePerson, usePerson } from './people-api';
import { PersonEditForm } from './person-edit-form';
import { PersonView } from './person-view';

/** `/people/new` and `/people/:id`: the registration form, read or edited. */
export function PersonPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const person = usePerson(id);
  const back = () => navigate(-1);

  if (!id) {
    const create = async (body: PersonBody) => {
      const created = await createPerson(body);
      message.success(t('people.created'));
      await client.invalidateQueries({ queryKey: PEOPLE_KEY });
      navigate(`/people/${created.id}`, { replace: true });
    };
    return (
      <Card title={t('people.createTitle')} data-testid="person-detail">
        <PersonEditForm defaultUnitId={params.get('unitId') ?? undefined} onSubmit={create} onCancel={back} />
      </Card>
    );
  }

  if (person.isPending) return <PageLoading />;
  if (person.isError) {
    if (person.error instanceof ApiError && person.error.status === 404) return <NotFoundPage />;
    return <Result status="error" title={person.error.message} />;
  }
  const data = person.data;
  const detailKey = [...PEOPLE_KEY, 'detail', id];

  const save = async (body: PersonBody) => {
    const updated = await updatePerson(id, { ...body, version: data.version });
    client.setQueryData(detailKey, updated);
    await client.invalidateQueries({ queryKey: [...PEOPLE_KEY, 'list'] });
    message.success(t('common.saved'));
    setEditing(false);
  };

  const setActive = async (active: boolean) => {
    try {
      const updated = await updatePerson(id, { version: data.version, active });
      client.setQueryData(detailKey, updated);
      await client.invalidateQueries({ queryKey: [...PEOPLE_KEY, 'list'] });
      message.success(t('common.saved'));
    } catch (error) {
      reportError(error, { message, client, reload: [detailKey] });
    }
  };

  return (
    <Card
      data-testid="person-detail"
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('common.back')} />
          {t('people.formTitle')}
          <span>· {data.name}</span>
          {!data.active && <Tag>{t('people.statusInactive')}</Tag>}
        </Space>
      }
      extra={
        !editing &&
        data.actions.edit && (
          <Space>
            <Popconfirm
              title={data.active ? t('people.deactivateConfirm') : t('people.activateConfirm')}
              onConfirm={() => void setActive(!data.active)}
            >
              <Button danger={data.active} data-testid="person-toggle-active">
                {data.active ? t('common.deactivate') : t('common.activate')}
              </Button>
            </Popconfirm>
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => setEditing(true)}
              data-testid="person-edit"
            >
              {t('common.edit')}
            </Button>
          </Space>
        )
      }
    >
      {editing ? (
        <PersonEditForm
          key={data.version}
          person={data}
          onSubmit={save}
          onCancel={() => setEditing(false)}
          onReload={async () => {
            await person.refetch();
          }}
        />
      ) : (
        <PersonView person={data} />
      )}
    </Card>
  );
}
