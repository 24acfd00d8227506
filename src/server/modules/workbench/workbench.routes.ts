import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import type { Database } from '../../db/database.js';
import { problems } from '../../http/schemas.js';
import { getWorkbench } from './workbench.service.js';

const Count = Type.Integer({ minimum: 0 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const WorkbenchSchema = Type.Object({
  cap: Type.Integer({ description: '计数上限：达到即显示为「10000+」' }),
  screening: Nullable(Type.Object({ toScreen: Count }, { description: '留言审核：待审核' })),
  supervision: Nullable(
    Type.Object(
      { toAssign: Count, today: Count, overdue: Count, supervised: Count, dissatisfied: Count, open: Count, extensions: Count },
      { description: '督办（协调员）：待交办、日清零、超期、督办中、不满意、在办，待审批的延期申请' },
    ),
  ),
  inbox: Nullable(Type.Object({ toSign: Count, inProgress: Count, dueSoon: Count, overdue: Count, returned: Count }, { description: '单位待办（本单位及下级单位）' })),
  reviews: Nullable(Type.Object({ awaitingReview: Count }, { description: '待我审核的回复' })),
  month: Nullable(
    Type.Object(
      { received: Count, replied: Count, repliedOnTime: Count, onTimeRate: Nullable(Type.Number({ minimum: 0, maximum: 1 })) },
      { description: '本单位（含下级单位）本月（北京时间）牵头承办：收到、答复、按时答复' },
    ),
  ),
});

export function workbenchRoutes(db: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/workbench', {
      schema: {
        tags: ['workbench'],
        summary: '工作台：按角色列出今日待办的数量（每项链接到对应清单）和本单位本月数字；没有的角色为 null',
        response: { 200: WorkbenchSchema, ...problems(401, 403) },
      },
    }, async (req) => getWorkbench(db, req.actor));
  };
}
