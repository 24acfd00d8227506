import { Form, Input, InputNumber, Radio, Select, type RadioChangeEvent } from 'antd';
import { CONTACT_METHODS, HANDLING_CLASSES, REASON_MAX, REPLY_MAX, type ContactMethod, type HandlingClass } from '../../../../shared/handling';
import { RATING_GRADES, type RatingGrade } from '../../../../shared/messages';
import { UnitMultiSelect, UnitSelect } from '../../../components/unit-select';
import { useT } from '../../../lib/i18n';
import { useAddNote } from '../api/add-note';
import { useAssignMessage } from '../api/assign-message';
import { useCloseMessage } from '../api/close-message';
import { useContribute } from '../api/contribute';
import { useDecideExtension } from '../api/decide-extension';
import type { Assignment, ExtensionOnMessage, HeldReply } from '../api/get-staff-message';
import { useInstructMessage } from '../api/instruct-message';
import { usePassDown } from '../api/pass-down';
import { CALLBACK_METHODS, useRecordCallback, type CallbackMethod } from '../api/record-callback';
import { useRecordContact } from '../api/record-contact';
import { useReopenMessage } from '../api/reopen-message';
import { useRequestExtension } from '../api/request-extension';
import { useReturnAssignment } from '../api/return-assignment';
import { useReviewReply } from '../api/review-reply';
import { useSetLeaderAttention } from '../api/set-leader-attention';
import { useSubmitReply } from '../api/submit-reply';
import { useSuperviseMessage } from '../api/supervise-message';
import { useUrgeMessage } from '../api/urge-message';
import { ActionDialog } from './action-dialog';
import { CoHandlerNotice } from './co-handler-notice';

const INSTRUCTIONS_MAX = 1000;
const LONG_TEXT_MAX = 1000;

/** Which dialog is open, and on what. */
export type HandlingDialogState =
  | { kind: 'assign' }
  | { kind: 'return'; assignment: Assignment }
  | { kind: 'passDown'; assignment: Assignment }
  | { kind: 'contact'; assignment: Assignment }
  | { kind: 'contribute'; assignment: Assignment }
  | { kind: 'reply'; assignment: Assignment }
  | { kind: 'extension'; assignment: Assignment }
  | { kind: 'decideExtension'; extension: ExtensionOnMessage; unitName: string; approve?: boolean }
  | { kind: 'review'; reply: HeldReply }
  | { kind: 'urge' }
  | { kind: 'supervise' }
  | { kind: 'leaderAttention'; attention: boolean }
  | { kind: 'instruct' }
  | { kind: 'reopen' }
  | { kind: 'close' }
  | { kind: 'callback' }
  | { kind: 'note' };

export interface DialogMessage {
  id: number;
  number: string;
  title: string;
  handlingClass: HandlingClass | null;
}

interface Props {
  state: HandlingDialogState;
  message: DialogMessage;
  onClose: () => void;
}

/** The one open handling dialog of a message page. */
export function HandlingDialog({ state, message, onClose }: Props) {
  const t = useT();
  const target = t('handling.dialogTarget', { number: message.number, title: message.title });
  const common = { onClose, target };
  switch (state.kind) {
    case 'assign':
      return <AssignDialog {...common} message={message} />;
    case 'return':
      return <ReturnDialog {...common} assignment={state.assignment} />;
    case 'passDown':
      return <PassDownDialog {...common} assignment={state.assignment} />;
    case 'contact':
      return <ContactDialog {...common} assignment={state.assignment} />;
    case 'contribute':
      return <ContributeDialog {...common} assignment={state.assignment} />;
    case 'reply':
      return <ReplyDialog {...common} messageId={message.id} />;
    case 'extension':
      return <ExtensionDialog {...common} assignment={state.assignment} />;
    case 'decideExtension':
      return <DecideExtensionDialog {...common} extension={state.extension} unitName={state.unitName} approve={state.approve ?? true} />;
    case 'review':
      return <ReviewDialog {...common} reply={state.reply} />;
    case 'urge':
      return <UrgeDialog {...common} messageId={message.id} />;
    case 'supervise':
      return <SuperviseDialog {...common} messageId={message.id} />;
    case 'leaderAttention':
      return <LeaderAttentionDialog {...common} messageId={message.id} attention={state.attention} />;
    case 'instruct':
      return <TextDialog {...common} messageId={message.id} which="instruct" />;
    case 'note':
      return <TextDialog {...common} messageId={message.id} which="note" />;
    case 'reopen':
      return <ReopenDialog {...common} message={message} />;
    case 'close':
      return <CloseDialog {...common} messageId={message.id} />;
    case 'callback':
      return <CallbackDialog {...common} messageId={message.id} />;
  }
}

interface Base {
  onClose: () => void;
  target: string;
}

/** Form control: Form.Item hands it `value`, `onChange` and `id`. */
function ClassChoice(props: { id?: string; value?: HandlingClass; onChange?: (event: RadioChangeEvent) => void }) {
  const t = useT();
  return (
    <Radio.Group
      {...props}
      aria-label={t('handling.form.class')}
      optionType="button"
      className="class-choice"
      options={HANDLING_CLASSES.map((value) => ({ value, label: t(`handlingClass.${value}`) }))}
    />
  );
}

/** 协办单位: never the chosen lead unit. Inside the form, so it can watch the lead. */
function CoUnitsItem({ help = false, passDownFrom, alsoExclude = [] }: { help?: boolean; passDownFrom?: number; alsoExclude?: number[] }) {
  const t = useT();
  const lead = Form.useWatch<number | undefined>('leadUnitId');
  return (
    <Form.Item name="coUnitIds" label={t('handling.form.coUnits')} extra={help ? t('handling.form.coUnitsHelp') : undefined}>
      <UnitMultiSelect passDownFrom={passDownFrom} exclude={[...alsoExclude, ...(lead === undefined ? [] : [lead])]} data-testid="co-units" />
    </Form.Item>
  );
}

function AssignDialog({ message, ...base }: Base & { message: DialogMessage }) {
  const t = useT();
  const assign = useAssignMessage();
  interface V {
    leadUnitId: number;
    coUnitIds?: number[];
    handlingClass: HandlingClass;
    instructions?: string;
  }
  return (
    <ActionDialog<V>
      {...base}
      title={t('handling.assign.title')}
      okText={t('handling.assign.ok')}
      successText={t('handling.assign.done')}
      fields={['leadUnitId', 'coUnitIds', 'handlingClass', 'instructions']}
      initialValues={{ handlingClass: message.handlingClass ?? 'timely', coUnitIds: [] }}
      onSubmit={(v) => assign.mutateAsync({ id: message.id, input: { leadUnitId: v.leadUnitId, coUnitIds: v.coUnitIds ?? [], handlingClass: v.handlingClass, instructions: v.instructions?.trim() || undefined } })}
    >
      <Form.Item name="leadUnitId" label={t('handling.form.leadUnit')} rules={[{ required: true, message: t('handling.form.leadUnitRequired') }]}>
        <UnitSelect data-testid="lead-unit" />
      </Form.Item>
      <CoUnitsItem help />
      <Form.Item name="handlingClass" label={t('handling.form.class')} rules={[{ required: true }]}>
        <ClassChoice />
      </Form.Item>
      <Form.Item name="instructions" label={t('handling.form.instructions')} extra={t('handling.form.instructionsHelp')}>
        <Input.TextArea maxLength={INSTRUCTIONS_MAX} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
    </ActionDialog>
  );
}

function ReturnDialog({ assignment, ...base }: Base & { assignment: Assignment }) {
  const t = useT();
  const mutation = useReturnAssignment();
  return (
    <ActionDialog<{ reason: string }>
      {...base}
      title={t('handling.return.title')}
      okText={t('handling.return.ok')}
      danger
      successText={t('handling.return.done')}
      fields={['reason']}
      onSubmit={(v) => mutation.mutateAsync({ assignmentId: assignment.id, reason: v.reason.trim() })}
    >
      <p className="muted">{t('handling.return.help', { unit: assignment.assignedBy?.name ?? t('handling.coordinator') })}</p>
      <Form.Item name="reason" label={t('handling.form.reason')} rules={[{ required: true, whitespace: true, message: t('handling.form.reasonRequired') }]}>
        <Input.TextArea maxLength={REASON_MAX} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
    </ActionDialog>
  );
}

function PassDownDialog({ assignment, ...base }: Base & { assignment: Assignment }) {
  const t = useT();
  const mutation = usePassDown();
  interface V {
    leadUnitId: number;
    coUnitIds?: number[];
    instructions?: string;
  }
  return (
    <ActionDialog<V>
      {...base}
      title={t('handling.passDown.title')}
      okText={t('handling.passDown.ok')}
      successText={t('handling.passDown.done')}
      fields={['leadUnitId', 'coUnitIds', 'instructions']}
      initialValues={{ coUnitIds: [] }}
      onSubmit={(v) => mutation.mutateAsync({ assignmentId: assignment.id, input: { leadUnitId: v.leadUnitId, coUnitIds: v.coUnitIds ?? [], instructions: v.instructions?.trim() || undefined } })}
    >
      <p className="muted">{t('handling.passDown.help')}</p>
      <Form.Item name="leadUnitId" label={t('handling.form.leadUnit')} rules={[{ required: true, message: t('handling.form.leadUnitRequired') }]}>
        <UnitSelect passDownFrom={assignment.id} exclude={[assignment.unit.id]} data-testid="lead-unit" />
      </Form.Item>
      <CoUnitsItem help passDownFrom={assignment.id} alsoExclude={[assignment.unit.id]} />
      <Form.Item name="instructions" label={t('handling.form.instructions')}>
        <Input.TextArea maxLength={INSTRUCTIONS_MAX} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
    </ActionDialog>
  );
}

function ContactDialog({ assignment, ...base }: Base & { assignment: Assignment }) {
  const t = useT();
  const mutation = useRecordContact();
  return (
    <ActionDialog<{ method: ContactMethod; summary: string }>
      {...base}
      title={t('handling.contact.title')}
      okText={t('handling.contact.ok')}
      successText={t('handling.contact.done')}
      fields={['method', 'summary']}
      initialValues={{ method: 'phone' }}
      onSubmit={(v) => mutation.mutateAsync({ assignmentId: assignment.id, method: v.method, summary: v.summary.trim() })}
    >
      <Form.Item name="method" label={t('handling.form.method')} rules={[{ required: true }]}>
        <Select options={CONTACT_METHODS.map((value) => ({ value, label: t(`contactMethod.${value}`) }))} />
      </Form.Item>
      <Form.Item name="summary" label={t('handling.form.summary')} extra={t('handling.form.internalHelp')} rules={[{ required: true, whitespace: true, message: t('handling.form.textRequired') }]}>
        <Input.TextArea maxLength={REASON_MAX} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
    </ActionDialog>
  );
}

function ContributeDialog({ assignment, ...base }: Base & { assignment: Assignment }) {
  const t = useT();
  const mutation = useContribute();
  return (
    <ActionDialog<{ body: string }>
      {...base}
      title={t('handling.contribute.title')}
      okText={t('handling.contribute.ok')}
      successText={t('handling.contribute.done')}
      fields={['body']}
      onSubmit={(v) => mutation.mutateAsync({ assignmentId: assignment.id, body: v.body.trim() })}
    >
      <p className="muted">{t('handling.contribute.help')}</p>
      <Form.Item name="body" label={t('handling.form.opinion')} rules={[{ required: true, whitespace: true, message: t('handling.form.textRequired') }]}>
        <Input.TextArea maxLength={REPLY_MAX} showCount autoSize={{ minRows: 4, maxRows: 12 }} />
      </Form.Item>
    </ActionDialog>
  );
}

function ReplyDialog({ messageId, ...base }: Base & { messageId: number }) {
  const t = useT();
  const mutation = useSubmitReply();
  return (
    <ActionDialog<{ kind: 'interim' | 'final'; body: string }>
      {...base}
      title={t('handling.reply.title')}
      okText={t('handling.reply.ok')}
      successText={t('handling.reply.done')}
      fields={['body', 'final']}
      initialValues={{ kind: 'final' }}
      onSubmit={(v) => mutation.mutateAsync({ messageId, body: v.body.trim(), final: v.kind === 'final' })}
    >
      <Form.Item name="kind" label={t('handling.form.replyKind')} extra={t('handling.reply.help')} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: 'final', label: t('timeline.final') },
            { value: 'interim', label: t('timeline.interim') },
          ]}
        />
      </Form.Item>
      <CoHandlerNotice messageId={messageId} />
      <Form.Item name="body" label={t('reply.label')} rules={[{ required: true, whitespace: true, message: t('reply.required') }]}>
        <Input.TextArea maxLength={REPLY_MAX} showCount autoSize={{ minRows: 6, maxRows: 16 }} data-testid="reply-body" />
      </Form.Item>
    </ActionDialog>
  );
}

function ExtensionDialog({ assignment, ...base }: Base & { assignment: Assignment }) {
  const t = useT();
  const mutation = useRequestExtension();
  return (
    <ActionDialog<{ days: number; reason: string }>
      {...base}
      title={t('handling.extension.title')}
      okText={t('handling.extension.ok')}
      successText={t('handling.extension.done')}
      fields={['days', 'reason']}
      initialValues={{ days: 3 }}
      onSubmit={(v) => mutation.mutateAsync({ assignmentId: assignment.id, days: v.days, reason: v.reason.trim() })}
    >
      <Form.Item name="days" label={t('handling.form.days')} extra={t('handling.extension.help')} rules={[{ required: true, message: t('handling.form.daysRequired') }]}>
        <InputNumber min={1} max={90} precision={0} />
      </Form.Item>
      <Form.Item name="reason" label={t('handling.form.reason')} rules={[{ required: true, whitespace: true, message: t('handling.form.reasonRequired') }]}>
        <Input.TextArea maxLength={REASON_MAX} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
    </ActionDialog>
  );
}

function DecisionFields({ approveLabel, refuseLabel }: { approveLabel: string; refuseLabel: string }) {
  const t = useT();
  return (
    <>
      <Form.Item name="approve" label={t('handling.form.decision')} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: true, label: approveLabel },
            { value: false, label: refuseLabel },
          ]}
        />
      </Form.Item>
      <Form.Item name="note" label={t('handling.form.noteOptional')}>
        <Input.TextArea maxLength={REASON_MAX} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </>
  );
}

function DecideExtensionDialog({ extension, unitName, approve, ...base }: Base & { extension: ExtensionOnMessage; unitName: string; approve: boolean }) {
  const t = useT();
  const mutation = useDecideExtension();
  return (
    <ActionDialog<{ approve: boolean; note?: string }>
      {...base}
      title={t('handling.decideExtension.title')}
      okText={t('handling.decideExtension.ok')}
      successText={t('handling.decideExtension.done')}
      fields={['approve', 'note', 'days']}
      initialValues={{ approve }}
      onSubmit={(v) => mutation.mutateAsync({ requestId: extension.id, approve: v.approve, note: v.note?.trim() || undefined })}
    >
      <p>{t('handling.extensionSummary', { unit: unitName, days: extension.days })}</p>
      <p className="pre-wrap muted">{extension.reason}</p>
      <DecisionFields approveLabel={t('handling.approve')} refuseLabel={t('handling.refuse')} />
    </ActionDialog>
  );
}

function ReviewDialog({ reply, ...base }: Base & { reply: HeldReply }) {
  const t = useT();
  const mutation = useReviewReply();
  return (
    <ActionDialog<{ approve: boolean; note?: string }>
      {...base}
      title={t('handling.review.title')}
      okText={t('handling.review.ok')}
      successText={t('handling.review.done')}
      fields={['approve', 'note']}
      initialValues={{ approve: true }}
      onSubmit={(v) => mutation.mutateAsync({ replyId: reply.id, approve: v.approve, note: v.note?.trim() || undefined })}
    >
      <p className="pre-wrap review-body">{reply.body}</p>
      <DecisionFields approveLabel={t('reviews.approve')} refuseLabel={t('reviews.sendBack')} />
    </ActionDialog>
  );
}

function UrgeDialog({ messageId, ...base }: Base & { messageId: number }) {
  const t = useT();
  const mutation = useUrgeMessage();
  return (
    <ActionDialog<{ body?: string }>
      {...base}
      title={t('handling.urge.title')}
      okText={t('handling.urge.ok')}
      successText={t('handling.urge.done')}
      fields={['body']}
      onSubmit={(v) => mutation.mutateAsync({ id: messageId, body: v.body?.trim() || undefined })}
    >
      <p className="muted">{t('handling.urge.help')}</p>
      <Form.Item name="body" label={t('handling.form.urgeText')}>
        <Input.TextArea maxLength={REASON_MAX} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </ActionDialog>
  );
}

function SuperviseDialog({ messageId, ...base }: Base & { messageId: number }) {
  const t = useT();
  const mutation = useSuperviseMessage();
  return (
    <ActionDialog<{ requirements: string }>
      {...base}
      title={t('handling.supervise.title')}
      okText={t('handling.supervise.ok')}
      successText={t('handling.supervise.done')}
      fields={['requirements']}
      onSubmit={(v) => mutation.mutateAsync({ id: messageId, requirements: v.requirements.trim() })}
    >
      <p className="muted">{t('handling.supervise.help')}</p>
      <Form.Item name="requirements" label={t('handling.form.requirements')} rules={[{ required: true, whitespace: true, message: t('handling.form.textRequired') }]}>
        <Input.TextArea maxLength={LONG_TEXT_MAX} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
    </ActionDialog>
  );
}

function LeaderAttentionDialog({ messageId, attention, ...base }: Base & { messageId: number; attention: boolean }) {
  const t = useT();
  const mutation = useSetLeaderAttention();
  return (
    <ActionDialog<{ note?: string }>
      {...base}
      title={attention ? t('handling.leaderAttention.on') : t('handling.leaderAttention.off')}
      okText={attention ? t('handling.leaderAttention.on') : t('handling.leaderAttention.off')}
      successText={attention ? t('handling.leaderAttention.onDone') : t('handling.leaderAttention.offDone')}
      fields={['note']}
      onSubmit={(v) => mutation.mutateAsync({ id: messageId, attention, note: v.note?.trim() || undefined })}
    >
      <Form.Item name="note" label={t('handling.form.noteOptional')}>
        <Input.TextArea maxLength={REASON_MAX} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </ActionDialog>
  );
}

/** 批示 (leader) and 内部备注: one text, internal. */
function TextDialog({ messageId, which, ...base }: Base & { messageId: number; which: 'instruct' | 'note' }) {
  const t = useT();
  const instruct = useInstructMessage();
  const note = useAddNote();
  const mutation = which === 'instruct' ? instruct : note;
  return (
    <ActionDialog<{ body: string }>
      {...base}
      title={t(`handling.${which}.title`)}
      okText={t(`handling.${which}.ok`)}
      successText={t(`handling.${which}.done`)}
      fields={['body']}
      onSubmit={(v) => mutation.mutateAsync({ id: messageId, body: v.body.trim() })}
    >
      <p className="muted">{t(`handling.${which}.help`)}</p>
      <Form.Item name="body" label={t(`handling.${which}.label`)} rules={[{ required: true, whitespace: true, message: t('handling.form.textRequired') }]}>
        <Input.TextArea maxLength={REPLY_MAX} showCount autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
    </ActionDialog>
  );
}

function ReopenDialog({ message, ...base }: Base & { message: DialogMessage }) {
  const t = useT();
  const mutation = useReopenMessage();
  interface V {
    reason: string;
    leadUnitId?: number;
    coUnitIds?: number[];
    handlingClass?: HandlingClass;
  }
  return (
    <ActionDialog<V>
      {...base}
      title={t('handling.reopen.title')}
      okText={t('handling.reopen.ok')}
      successText={t('handling.reopen.done')}
      fields={['reason', 'leadUnitId', 'coUnitIds', 'handlingClass']}
      initialValues={{ handlingClass: message.handlingClass ?? 'timely', coUnitIds: [] }}
      onSubmit={(v) =>
        mutation.mutateAsync({
          id: message.id,
          input: { reason: v.reason.trim(), leadUnitId: v.leadUnitId, coUnitIds: v.coUnitIds && v.coUnitIds.length > 0 ? v.coUnitIds : undefined, handlingClass: v.handlingClass },
        })
      }
    >
      <p className="muted">{t('handling.reopen.help')}</p>
      <Form.Item name="reason" label={t('handling.form.reopenReason')} extra={t('handling.reopen.reasonHelp')} rules={[{ required: true, whitespace: true, message: t('handling.form.reasonRequired') }]}>
        <Input.TextArea maxLength={REASON_MAX} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
      <Form.Item name="leadUnitId" label={t('handling.form.leadUnitOptional')} extra={t('handling.reopen.leadHelp')}>
        <UnitSelect />
      </Form.Item>
      <CoUnitsItem />
      <Form.Item name="handlingClass" label={t('handling.form.class')}>
        <ClassChoice />
      </Form.Item>
    </ActionDialog>
  );
}

function CloseDialog({ messageId, ...base }: Base & { messageId: number }) {
  const t = useT();
  const mutation = useCloseMessage();
  return (
    <ActionDialog<{ explanation: string }>
      {...base}
      title={t('handling.close.title')}
      okText={t('handling.close.ok')}
      successText={t('handling.close.done')}
      fields={['explanation']}
      onSubmit={(v) => mutation.mutateAsync({ id: messageId, explanation: v.explanation.trim() })}
    >
      <p className="muted">{t('handling.close.help')}</p>
      <Form.Item name="explanation" label={t('handling.form.explanation')} rules={[{ required: true, whitespace: true, message: t('handling.form.textRequired') }]}>
        <Input.TextArea maxLength={LONG_TEXT_MAX} showCount autoSize={{ minRows: 4, maxRows: 10 }} />
      </Form.Item>
    </ActionDialog>
  );
}

/** Today in Beijing, as YYYY-MM-DD. */
function todayInBeijing(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function CallbackDialog({ messageId, ...base }: Base & { messageId: number }) {
  const t = useT();
  const mutation = useRecordCallback();
  interface V {
    visitedOn: string;
    method: CallbackMethod;
    outcome: string;
    satisfaction: RatingGrade;
  }
  return (
    <ActionDialog<V>
      {...base}
      title={t('handling.callback.title')}
      okText={t('handling.callback.ok')}
      successText={t('handling.callback.done')}
      fields={['visitedOn', 'method', 'outcome', 'satisfaction']}
      initialValues={{ visitedOn: todayInBeijing(), method: 'phone' }}
      onSubmit={(v) => mutation.mutateAsync({ id: messageId, input: { ...v, outcome: v.outcome.trim() } })}
    >
      <Form.Item name="visitedOn" label={t('handling.form.visitedOn')} rules={[{ required: true, message: t('handling.form.dateRequired') }]}>
        <Input type="date" max={todayInBeijing()} />
      </Form.Item>
      <Form.Item name="method" label={t('handling.form.method')} rules={[{ required: true }]}>
        <Select options={CALLBACK_METHODS.map((value) => ({ value, label: t(`contactMethod.${value}`) }))} />
      </Form.Item>
      <Form.Item name="outcome" label={t('handling.form.outcome')} rules={[{ required: true, whitespace: true, message: t('handling.form.textRequired') }]}>
        <Input.TextArea maxLength={LONG_TEXT_MAX} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
      <Form.Item name="satisfaction" label={t('handling.form.satisfaction')} rules={[{ required: true, message: t('handling.form.satisfactionRequired') }]}>
        <Select options={RATING_GRADES.map((value) => ({ value, label: t(`grade.${value}`) }))} />
      </Form.Item>
    </ActionDialog>
  );
}
