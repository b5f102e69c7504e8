import { z } from 'zod';

/**
 * Templates are data: a template is a zod-validated JSON document, so built-ins and (later)
 * admin-authored templates go through the same checks, and a stored version can be re-read safely.
 */

const identifier = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _');
const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'a Slack user id');

export const localizedTextSchema = z.strictObject({
  en: z.string().min(1).max(300),
  zh: z.string().min(1).max(300),
});

// --- conditions -------------------------------------------------------------------------------

export const COMPARISON_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'truthy'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

/** A small expression on form values (and computed values such as `working_days`). */
export type Condition =
  | { field: string; op: ComparisonOp; value?: string | number | boolean | (string | number)[] }
  | { any: Condition[] }
  | { all: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({
      field: identifier,
      op: z.enum(COMPARISON_OPS),
      value: z
        .union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()])).min(1)])
        .optional(),
    }),
    z.strictObject({ any: z.array(conditionSchema).min(1).max(20) }),
    z.strictObject({ all: z.array(conditionSchema).min(1).max(20) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

// --- approvers --------------------------------------------------------------------------------

/**
 * Who approves a step (or is CC'd). `head_levels_up` counts from the requester's own department:
 * levels 1 is its head (same as `department_head`), 2 the head of the parent department, and so on.
 * `department_head_of_field` is the head of the department chosen in a `department` field
 * (registration uses it: the head of the department the newcomer says they belong to).
 */
export const approverRuleSchema = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('department_head') }),
  z.strictObject({ rule: z.literal('head_levels_up'), levels: z.number().int().min(1).max(10) }),
  z.strictObject({ rule: z.literal('role'), role: z.enum(['leader', 'admin']) }),
  z.strictObject({ rule: z.literal('department_head_of'), departmentKey: z.string().min(1).max(64) }),
  z.strictObject({ rule: z.literal('department_head_of_field'), fieldId: identifier }),
  z.strictObject({ rule: z.literal('people'), slackIds: z.array(slackUserId).min(1).max(50) }),
  z.strictObject({ rule: z.literal('requester_chosen'), fieldId: identifier }),
]);
export type ApproverRule = z.infer<typeof approverRuleSchema>;

export const STEP_MODES = ['one', 'all', 'any'] as const;
export type StepMode = (typeof STEP_MODES)[number];

/**
 * What happens to a task still pending after its escalation: `notify` (the default) only tells the
 * next level up; the others act `afterHours` working hours after the escalation — approve, reject
 * (with a reason saying why), or hand the task to the escalation target (Feishu AUTO_PASS /
 * AUTO_REJECT). Always audited and shown on the tracking card.
 */
export const overdueSchema = z.strictObject({
  action: z.enum(['notify', 'auto_approve', 'auto_reject', 'reassign']),
  afterHours: z.number().min(0).max(2000).default(8),
});
export type OverdueDefinition = z.infer<typeof overdueSchema>;

export const stepSchema = z.strictObject({
  key: identifier,
  name: localizedTextSchema,
  approvers: approverRuleSchema,
  /** one: a single approver; all: countersign; any: the first decision wins. */
  mode: z.enum(STEP_MODES).default('one'),
  /** The step applies only when this holds for the submitted form. */
  condition: conditionSchema.optional(),
  /** Working hours the approver has to act; the template's (or the engine's default) when absent. */
  slaHours: z.number().positive().max(2000).optional(),
  /** Overdue handling after escalation; the template's when absent. */
  overdue: overdueSchema.optional(),
});
export type StepDefinition = z.infer<typeof stepSchema>;

export const ccSchema = z.strictObject({
  who: approverRuleSchema,
  /** `approved`: only a final approval is copied; `decided`: approval or rejection. */
  when: z.enum(['approved', 'decided']).default('decided'),
});
export type CcDefinition = z.infer<typeof ccSchema>;

// --- fields -----------------------------------------------------------------------------------

const fieldBase = {
  id: identifier,
  label: localizedTextSchema,
  help: localizedTextSchema.optional(),
  required: z.boolean().default(false),
};

// Slack's plain_text_input allows at most 3000 characters.
const MAX_TEXT = 3000;

export const FIELD_TYPES = [
  'text',
  'long_text',
  'date',
  'half_day_date',
  'number',
  'select',
  'user',
  'department',
  'files',
  'checkbox',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const fieldSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...fieldBase,
    type: z.literal('text'),
    minLength: z.number().int().min(0).max(MAX_TEXT).optional(),
    maxLength: z.number().int().min(1).max(MAX_TEXT).default(200),
  }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('long_text'),
    minLength: z.number().int().min(0).max(MAX_TEXT).optional(),
    maxLength: z.number().int().min(1).max(MAX_TEXT).default(MAX_TEXT),
  }),
  z.strictObject({ ...fieldBase, type: z.literal('date') }),
  z.strictObject({ ...fieldBase, type: z.literal('half_day_date') }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
    unit: localizedTextSchema.optional(),
  }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('select'),
    // Slack's static_select takes at most 100 options.
    options: z
      .array(
        z.strictObject({
          value: identifier,
          label: localizedTextSchema,
        }),
      )
      .min(1)
      .max(100),
  }),
  z.strictObject({ ...fieldBase, type: z.literal('user') }),
  z.strictObject({ ...fieldBase, type: z.literal('department') }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('files'),
    maxFiles: z.number().int().min(1).max(20).default(10),
  }),
  z.strictObject({ ...fieldBase, type: z.literal('checkbox') }),
]);
export type FieldDefinition = z.infer<typeof fieldSchema>;

/** Values derived from the form on the server (never trusted from the client). */
export const computedSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    id: identifier,
    kind: z.literal('working_days'),
    label: localizedTextSchema,
    start: identifier,
    end: identifier,
  }),
]);
export type ComputedDefinition = z.infer<typeof computedSchema>;

/** Cross-field checks; each reports a field error code on one of its fields. */
export const checkSchema = z.discriminatedUnion('kind', [
  /** `end_before_start` on `end`. */
  z.strictObject({ kind: z.literal('date_order'), start: identifier, end: identifier }),
  /** `too_far_in_past` on `field` when it lies more than `days` days before today. */
  z.strictObject({
    kind: z.literal('max_days_in_past'),
    field: identifier,
    days: z.number().int().min(0).max(3650),
  }),
  /** `too_far_ahead` on `field` when it lies more than `days` days after today. */
  z.strictObject({
    kind: z.literal('max_days_ahead'),
    field: identifier,
    days: z.number().int().min(0).max(3650),
  }),
  /** `too_long_span` on `end` when the range covers more than `days` calendar days. */
  z.strictObject({
    kind: z.literal('max_span_days'),
    start: identifier,
    end: identifier,
    days: z.number().int().min(1).max(3650),
  }),
  /** `overlaps_existing` on `start` when the requester's own in-review/returned/approved request overlaps. */
  z.strictObject({ kind: z.literal('no_overlap_with_own'), start: identifier, end: identifier }),
  /** `no_working_days` on the computed value's end field when it is 0. */
  z.strictObject({ kind: z.literal('positive_working_days'), computed: identifier }),
]);
export type CheckDefinition = z.infer<typeof checkSchema>;

// --- the template -----------------------------------------------------------------------------

const DATE_TYPES: readonly FieldType[] = ['date', 'half_day_date'];

export const templateSchema = z
  .strictObject({
    key: identifier,
    /** Readable references are `<prefix>-<year>-<nnnn>`. */
    prefix: z.string().regex(/^[A-Z]{2,5}$/, '2 to 5 capital letters'),
    title: localizedTextSchema,
    description: localizedTextSchema.optional(),
    /**
     * `registration` templates are started by unregistered people through `submitRegistration`;
     * `announcement` ones only by the announcements domain (the form is the content under review),
     * `file_version` ones only by the file library (a new version of an important file).
     */
    purpose: z.enum(['request', 'registration', 'announcement', 'file_version']).default('request'),
    fields: z.array(fieldSchema).min(1).max(40),
    computed: z.array(computedSchema).max(10).default([]),
    checks: z.array(checkSchema).max(20).default([]),
    /** Fields whose display values, joined, make the one-line subject of a request. */
    subjectFields: z.array(identifier).min(1).max(3),
    steps: z.array(stepSchema).min(1).max(10),
    /** Default SLA of the steps, in working hours (the engine's default when absent). */
    slaHours: z.number().positive().max(2000).optional(),
    /** Default overdue handling of the steps (`notify` when absent). */
    overdue: overdueSchema.optional(),
    cc: z.array(ccSchema).max(10).default([]),
    /**
     * A number given on final approval, `<prefix>-<year>-<nnnn>`, counted separately from request
     * references (a document keeps its number even when requests of other kinds come and go).
     */
    documentNumber: z.strictObject({ prefix: z.string().regex(/^[A-Z]{2,8}$/) }).optional(),
  })
  .superRefine((template, ctx) => {
    const fieldTypes = new Map<string, FieldType | 'computed'>();
    template.fields.forEach((field, index) => {
      if (fieldTypes.has(field.id))
        ctx.addIssue({
          code: 'custom',
          path: ['fields', index, 'id'],
          message: `duplicate field id ${field.id}`,
        });
      fieldTypes.set(field.id, field.type);
      if (
        field.type === 'number' &&
        field.min !== undefined &&
        field.max !== undefined &&
        field.min > field.max
      )
        ctx.addIssue({ code: 'custom', path: ['fields', index, 'max'], message: 'max is below min' });
      if (
        (field.type === 'text' || field.type === 'long_text') &&
        field.minLength !== undefined &&
        field.minLength > field.maxLength
      )
        ctx.addIssue({
          code: 'custom',
          path: ['fields', index, 'maxLength'],
          message: 'maxLength is below minLength',
        });
      if (field.type === 'select') {
        const values = field.options.map((option) => option.value);
        if (new Set(values).size !== values.length)
          ctx.addIssue({
            code: 'custom',
            path: ['fields', index, 'options'],
            message: 'duplicate option values',
          });
      }
    });
    const expectType = (
      path: (string | number)[],
      id: string,
      allowed: readonly (FieldType | 'computed')[],
    ) => {
      const type = fieldTypes.get(id);
      if (type === undefined) ctx.addIssue({ code: 'custom', path, message: `unknown field ${id}` });
      else if (!allowed.includes(type))
        ctx.addIssue({
          code: 'custom',
          path,
          message: `field ${id} is a ${type}, expected ${allowed.join(' or ')}`,
        });
    };
    template.computed.forEach((computed, index) => {
      expectType(['computed', index, 'start'], computed.start, ['half_day_date']);
      expectType(['computed', index, 'end'], computed.end, ['half_day_date']);
      if (fieldTypes.has(computed.id))
        ctx.addIssue({
          code: 'custom',
          path: ['computed', index, 'id'],
          message: `duplicate id ${computed.id}`,
        });
      fieldTypes.set(computed.id, 'computed');
    });
    template.checks.forEach((check, index) => {
      const path = ['checks', index];
      if (
        check.kind === 'date_order' ||
        check.kind === 'no_overlap_with_own' ||
        check.kind === 'max_span_days'
      ) {
        expectType([...path, 'start'], check.start, DATE_TYPES);
        expectType([...path, 'end'], check.end, DATE_TYPES);
      } else if (check.kind === 'max_days_in_past' || check.kind === 'max_days_ahead')
        expectType([...path, 'field'], check.field, DATE_TYPES);
      else expectType([...path, 'computed'], check.computed, ['computed']);
    });
    template.subjectFields.forEach((id, index) => {
      expectType(['subjectFields', index], id, [...FIELD_TYPES, 'computed']);
    });
    const checkRule = (path: (string | number)[], rule: ApproverRule) => {
      if (rule.rule === 'requester_chosen') expectType([...path, 'fieldId'], rule.fieldId, ['user']);
      if (rule.rule === 'department_head_of_field')
        expectType([...path, 'fieldId'], rule.fieldId, ['department']);
    };
    const checkCondition = (path: (string | number)[], condition: Condition) => {
      if ('field' in condition) {
        expectType([...path, 'field'], condition.field, [...FIELD_TYPES, 'computed']);
        if (condition.op !== 'truthy' && condition.value === undefined)
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'value'],
            message: `${condition.op} needs a value`,
          });
        if (condition.op === 'in' && !Array.isArray(condition.value))
          ctx.addIssue({ code: 'custom', path: [...path, 'value'], message: 'in needs a list' });
      } else if ('any' in condition) {
        for (const [i, c] of condition.any.entries()) checkCondition([...path, 'any', i], c);
      } else if ('all' in condition) {
        for (const [i, c] of condition.all.entries()) checkCondition([...path, 'all', i], c);
      } else checkCondition([...path, 'not'], condition.not);
    };
    const stepKeys = new Set<string>();
    template.steps.forEach((step, index) => {
      if (stepKeys.has(step.key))
        ctx.addIssue({
          code: 'custom',
          path: ['steps', index, 'key'],
          message: `duplicate step key ${step.key}`,
        });
      stepKeys.add(step.key);
      checkRule(['steps', index, 'approvers'], step.approvers);
      if (step.condition) checkCondition(['steps', index, 'condition'], step.condition);
    });
    template.cc.forEach((cc, index) => {
      checkRule(['cc', index, 'who'], cc.who);
    });
  });

/** A validated template, as stored (defaults filled in). */
export type TemplateDefinition = z.infer<typeof templateSchema>;
/** What a template author writes (defaults may be left out). */
export type TemplateInput = z.input<typeof templateSchema>;
