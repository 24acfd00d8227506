import { LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { CAMPAIGN_DESCRIPTION_MAX, CAMPAIGN_TITLE_MAX, CAMPAIGN_TOPICS_MAX, type CampaignDetail, type CampaignInput } from '../../../../shared/campaigns';
import { ErrorAlert } from '../../../components/error-alert';
import { PhotoUploader } from '../../../components/photo-uploader';
import { UnitSelect } from '../../../components/unit-select';
import { isApiError } from '../../../lib/api-client';
import { formFieldName } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { fetchBoards } from '../api/get-boards';
import { useSaveCampaign } from '../api/save-campaign';
import { BoardPicker } from './board-picker';
import { CampaignCover } from './campaign-card';
import { RegionsPicker } from './regions-picker';

/** The length of one topic (the server's limit). */
export const TOPIC_MAX = 20;

interface Values {
  title: string;
  description: string;
  coverPhotoIds?: string[];
  organiserUnitId?: number;
  boardId?: number;
  topics: string[];
  regionCodes: string[];
  period?: [Dayjs, Dayjs];
  hasPrizes: boolean;
  entriesPublic: boolean;
}

/** The server's field → the form's: the two ends of the period are one picker; list items name the list. */
function formField(field: string): string {
  const name = formFieldName(field).replace(/\[\d+\]$|\.\d+$/, '');
  if (name === 'startsAt' || name === 'endsAt') return 'period';
  if (name === 'coverPhotoId') return 'coverPhotoIds';
  return name;
}

const FIELDS = ['title', 'description', 'coverPhotoIds', 'organiserUnitId', 'boardId', 'topics', 'regionCodes', 'period', 'hasPrizes', 'entriesPublic'];

interface Props {
  /** Editing: the saved campaign; creating: none. */
  campaign?: CampaignDetail;
  onSaved: (campaign: CampaignDetail) => void;
  onCancel: () => void;
}

/**
 * A campaign's form: a draft may change everything; once published, its start, organiser and
 * board are fixed (entries were filed under them), and once the results are out its end too.
 * Locked fields say so beside them.
 */
export function CampaignForm({ campaign, onSaved, onCancel }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const save = useSaveCampaign();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const [removeCover, setRemoveCover] = useState(false);
  const published = campaign !== undefined && campaign.status !== 'draft';
  const resultsOut = campaign?.status === 'results_published';
  const locked = <span className="locked-note"><LockOutlined aria-hidden /> {t('campaigns.form.lockedPublished')}</span>;

  const initialValues: Partial<Values> = campaign
    ? {
        title: campaign.title,
        description: campaign.description,
        organiserUnitId: campaign.organiser.id,
        boardId: campaign.board.id,
        topics: campaign.topics,
        regionCodes: campaign.regionCodes,
        period: [dayjs(campaign.startsAt), dayjs(campaign.endsAt)],
        hasPrizes: campaign.hasPrizes,
        entriesPublic: campaign.entriesPublic,
      }
    : {
        topics: [],
        regionCodes: [],
        period: [dayjs().second(0).millisecond(0), dayjs().add(30, 'day').hour(23).minute(59).second(0).millisecond(0)],
        hasPrizes: false,
        entriesPublic: true,
      };

  // A ministry organiser files under its own board: choose it when nothing is chosen yet.
  const onOrganiser = async (unitId: number | undefined) => {
    if (unitId === undefined || form.getFieldValue('boardId') !== undefined) return;
    const ministries = await queryClient.fetchQuery({ queryKey: ['boards', 'campaign-form', { kind: 'ministry' }], queryFn: () => fetchBoards({ kind: 'ministry' }), staleTime: 10 * 60_000 });
    const own = ministries.find((b) => b.unit?.id === unitId);
    if (own && form.getFieldValue('boardId') === undefined) form.setFieldValue('boardId', own.id);
  };

  const onFinish = (values: Values) => {
    setError(null);
    const [start, end] = values.period!;
    const input: Partial<CampaignInput> = {
      title: values.title.trim(),
      description: values.description,
      organiserUnitId: values.organiserUnitId!,
      boardId: values.boardId!,
      topics: values.topics.map((x) => x.trim()).filter(Boolean),
      regionCodes: values.regionCodes,
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      hasPrizes: values.hasPrizes,
      entriesPublic: values.entriesPublic,
    };
    const upload = values.coverPhotoIds?.[0];
    if (upload) input.coverPhotoId = upload;
    else if (removeCover) input.coverPhotoId = null;
    save.mutate(
      { id: campaign?.id, input },
      {
        onSuccess: onSaved,
        onError: (e) => {
          if (!isApiError(e)) return setError(e);
          const byField = new Map<string, string[]>();
          for (const item of e.errors.length > 0 ? e.errors : [{ field: e.field ?? '', message: e.detail ?? e.title }]) {
            const name = formField(item.field);
            if (FIELDS.includes(name)) byField.set(name, [...(byField.get(name) ?? []), item.message]);
          }
          if (byField.size === 0) return setError(e);
          form.setFields([...byField].map(([name, errors]) => ({ name: name as keyof Values, errors })));
          const first = [...byField.keys()][0];
          if (first) form.scrollToField(first, { block: 'center', focus: true });
        },
      },
    );
  };

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={save.isPending} scrollToFirstError={{ block: 'center', focus: true }} data-testid="campaign-form">
      {error !== null && (
        <div className="form-alert" role="alert">
          <ErrorAlert error={error} title={t('campaigns.form.failed')} />
        </div>
      )}
      {published && <Alert type="info" showIcon className="form-alert" title={resultsOut ? t('campaigns.form.resultsNote') : t('campaigns.form.publishedNote')} />}
      <Form.Item name="title" label={t('campaigns.form.title')} rules={[{ required: true, whitespace: true, message: t('campaigns.form.titleRequired') }]}>
        <Input maxLength={CAMPAIGN_TITLE_MAX} showCount />
      </Form.Item>
      <Form.Item name="description" label={t('campaigns.form.description')} extra={t('campaigns.form.descriptionHelp')} rules={[{ required: true, whitespace: true, message: t('campaigns.form.descriptionRequired') }]}>
        <Input.TextArea maxLength={CAMPAIGN_DESCRIPTION_MAX} showCount autoSize={{ minRows: 5, maxRows: 16 }} />
      </Form.Item>
      <Form.Item label={t('campaigns.form.cover')} extra={t('campaigns.form.coverHelp')}>
        {campaign?.coverUrl && !removeCover && (
          <div className="cover-current">
            <CampaignCover url={campaign.coverUrl} className="cover-current-image" />
            <Button onClick={() => setRemoveCover(true)}>{t('campaigns.form.coverRemove')}</Button>
          </div>
        )}
        <Form.Item name="coverPhotoIds" noStyle>
          <PhotoUploader max={1} onBusyChange={setUploading} />
        </Form.Item>
      </Form.Item>
      <Form.Item
        name="organiserUnitId"
        label={t('campaigns.form.organiser')}
        extra={published ? locked : t('campaigns.form.organiserHelp')}
        rules={[{ required: true, message: t('campaigns.form.organiserRequired') }]}
      >
        <UnitSelect initialLabel={campaign?.organiser.name} disabled={published} onChange={(id) => void onOrganiser(id)} data-testid="organiser-select" />
      </Form.Item>
      <Form.Item name="boardId" label={t('campaigns.form.board')} extra={published ? locked : t('campaigns.form.boardHelp')} rules={[{ required: true, message: t('campaigns.form.boardRequired') }]}>
        <BoardPicker initial={campaign?.board} disabled={published} />
      </Form.Item>
      <Form.Item
        name="topics"
        label={t('campaigns.form.topics')}
        extra={t('campaigns.form.topicsHelp', { max: CAMPAIGN_TOPICS_MAX, length: TOPIC_MAX })}
        rules={[
          { type: 'array', max: CAMPAIGN_TOPICS_MAX, message: t('campaigns.form.topicsMax', { max: CAMPAIGN_TOPICS_MAX }) },
          {
            validator: (_, topics: string[] = []) =>
              topics.every((x) => x.trim().length > 0 && x.trim().length <= TOPIC_MAX) ? Promise.resolve() : Promise.reject(new Error(t('campaigns.form.topicLength', { max: TOPIC_MAX }))),
          },
        ]}
      >
        <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} placeholder={t('campaigns.form.topicsPlaceholder')} data-testid="topics-input" />
      </Form.Item>
      <Form.Item name="regionCodes" label={t('campaigns.form.regions')} extra={t('campaigns.form.regionsHelp')}>
        <RegionsPicker />
      </Form.Item>
      <Form.Item
        name="period"
        label={t('campaigns.form.period')}
        extra={published ? (resultsOut ? locked : t('campaigns.form.periodLocked')) : t('campaigns.form.periodHelp')}
        rules={[
          { required: true, message: t('campaigns.form.periodRequired') },
          {
            validator: (_, period?: [Dayjs | null, Dayjs | null]) =>
              !period?.[0] || !period[1] || period[1].isAfter(period[0]) ? Promise.resolve() : Promise.reject(new Error(t('campaigns.form.periodOrder'))),
          },
        ]}
      >
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          disabled={[published, resultsOut]}
          allowClear={false}
          style={{ width: '100%' }}
          placeholder={[t('campaigns.form.start'), t('campaigns.form.end')]}
          data-testid="period-picker"
        />
      </Form.Item>
      <Space wrap size="large" className="campaign-switches">
        <Form.Item name="hasPrizes" label={t('campaigns.form.hasPrizes')} extra={t('campaigns.form.hasPrizesHelp')} valuePropName="checked">
          <Switch data-testid="has-prizes" />
        </Form.Item>
        <Form.Item name="entriesPublic" label={t('campaigns.form.entriesPublic')} extra={published ? locked : t('campaigns.form.entriesPublicHelp')} valuePropName="checked">
          <Switch disabled={published} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={uploading} data-testid="campaign-save">
          {uploading ? t('write.waitUploads') : campaign ? t('common.save') : t('campaigns.form.create')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
