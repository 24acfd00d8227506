import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../../db/database.js';
import { Day as DayType, problems, Text } from '../../http/schemas.js';
import { enterCalendarYear, getCalendarStatus, getCalendarYear, setCalendarDay } from './calendar.service.js';

const Day = DayType({ description: 'YYYY-MM-DD (Beijing time)' });
const Year = Type.Integer({ minimum: 1949, maximum: 2200 });
const Kind = Type.Union([Type.Literal('holiday'), Type.Literal('workday')], { description: 'holiday: 放假; workday: 调休上班' });

const CalendarDayView = Type.Object({ day: Day, kind: Kind, name: Type.String(), source: Type.String(), updatedAt: Type.String({ format: 'date-time' }), updatedBy: Type.Union([Type.String(), Type.Null()]) });
const Recomputed = Type.Object({
  assignmentId: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  deadline: Type.Union([Type.Literal('sign'), Type.Literal('contact'), Type.Literal('reply')]),
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
});
const CalendarYearView = Type.Object({
  year: Type.Integer(),
  entered: Type.Union([Type.Object({ source: Type.String(), notice: Type.Union([Type.String(), Type.Null()]), at: Type.String({ format: 'date-time' }), by: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  provisional: Type.Boolean({ description: 'true: the year is not entered, deadlines in it count weekends only (暂按双休日计算)' }),
  days: Type.Array(CalendarDayView),
  years: Type.Array(Type.Object({ year: Type.Integer(), entered: Type.Boolean(), source: Type.Union([Type.String(), Type.Null()]), holidays: Type.Integer(), workdays: Type.Integer() })),
  recomputed: Type.Optional(Type.Array(Recomputed, { description: 'open deadlines the change moved (each also on its message timeline)' })),
});
const YearStatus = Type.Object({ year: Type.Integer(), entered: Type.Boolean() });

export function calendarRoutes(db: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/calendar/status', {
      schema: {
        tags: ['calendar'],
        summary: '工作日历状态：已录入的年份；次年安排未录入时的提醒（每年11月1日起）',
        response: {
          200: Type.Object({ today: Day, enteredYears: Type.Array(Type.Integer()), currentYear: YearStatus, nextYear: YearStatus, warning: Type.Union([Type.Object({ year: Type.Integer(), since: Day }), Type.Null()]) }),
          ...problems(401, 403),
        },
      },
    }, async (req) => getCalendarStatus(db, req.actor));

    app.get('/calendar/years/:year', {
      schema: { tags: ['calendar'], summary: '某年的节假日与调休上班日（平台管理员）', params: Type.Object({ year: Year }), response: { 200: CalendarYearView, ...problems(400, 401, 403) } },
    }, async (req) => getCalendarYear(db, req.actor, req.params.year));

    app.put('/calendar/years/:year', {
      schema: {
        tags: ['calendar'],
        summary: '录入全年安排（国务院办公厅节假日通知：放假日期范围与调休上班日）；替换该年已有数据，重算受影响的未到期时限',
        params: Type.Object({ year: Year }),
        body: Type.Object({
          entries: Type.Array(Type.Object({ from: Day, to: Type.Optional(Day), kind: Kind, name: Text({ minLength: 1, maxLength: 50 }) }), { minItems: 1, maxItems: 400 }),
          notice: Type.Optional(Type.Union([Text({ maxLength: 200, description: '通知文号或标题' }), Type.Null()])),
        }),
        response: { 200: CalendarYearView, ...problems(400, 401, 403, 422) },
      },
    }, async (req) => enterCalendarYear(db, req.actor, req.params.year, req.body));

    app.put('/calendar/days/:day', {
      schema: {
        tags: ['calendar'],
        summary: '修改单日：放假、调休上班，或恢复为普通日（normal）；重算受影响的未到期时限',
        params: Type.Object({ day: Day }),
        body: Type.Object({ kind: Type.Union([Kind, Type.Literal('normal')]), name: Type.Optional(Type.Union([Text({ maxLength: 50 }), Type.Null()])) }),
        response: { 200: CalendarYearView, ...problems(400, 401, 403, 422) },
      },
    }, async (req) => setCalendarDay(db, req.actor, req.params.day, req.body));
  };
}
