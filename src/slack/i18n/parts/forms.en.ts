import type { FieldErrorCode } from '../../../domain/workflows/form-types';

/** Request forms (modals), their field errors and the `/leave` quick text, English. */
export const formsEn = {
  'forms.submit': 'Submit',
  'forms.resubmit': 'Resubmit',
  'forms.close': 'Cancel',
  'forms.halfDay.partLabel': '{label}: whole or half day',
  'forms.halfDay.full': 'Whole day',
  'forms.halfDay.am': 'Morning (AM)',
  'forms.halfDay.pm': 'Afternoon (PM)',
  'forms.label.withUnit': '{label} ({unit})',
  'forms.checkbox.yes': 'Yes',
  'forms.placeholder.select': 'Choose…',
  'forms.placeholder.user': 'Choose a person',
  'forms.placeholder.date': 'Pick a date',
  'forms.placeholder.department': 'Choose a department',
  'forms.files.current':
    'Attached now: {files}. Upload files here to replace them, or leave this empty to keep them.',
  'forms.error.onField': '{label}: {message}',

  'forms.error.required': 'Please fill this in.',
  'forms.error.invalid_type': 'This value is not of the expected kind.',
  'forms.error.too_short': 'Must be at least {min} characters.',
  'forms.error.too_long': 'Must be at most {max} characters.',
  'forms.error.not_a_number': 'Please enter a number.',
  'forms.error.not_an_integer': 'Please enter a whole number.',
  'forms.error.too_small': 'Must be at least {min}.',
  'forms.error.too_large': 'Must be at most {max}.',
  'forms.error.invalid_date': 'Please give a valid date (YYYY-MM-DD).',
  'forms.error.invalid_half_day':
    'Please pick a date and whether it is a whole day, the morning or the afternoon.',
  'forms.error.invalid_option': 'Please choose one of the options offered.',
  'forms.error.invalid_user': 'Please choose a person from this workspace.',
  'forms.error.user_not_eligible':
    'This person cannot take part: they are not registered, suspended or a guest. Please choose someone else.',
  'forms.error.self_not_allowed': 'You cannot choose yourself here. Please choose someone else.',
  'forms.error.unknown_department': 'Please choose a department from the list.',
  'forms.error.invalid_files': 'These files could not be attached. Please upload them again.',
  'forms.error.too_many_files': 'Attach at most {max} files.',
  'forms.error.end_before_start': 'The end cannot be before the start.',
  'forms.error.too_far_in_past': 'This date is more than {days} days in the past.',
  'forms.error.too_far_ahead':
    'This date is more than {days} days ahead. Choose a date within that, or ask HR.',
  'forms.error.too_long_span': 'At most {days} days in one request. Split it into several, or ask HR.',
  'forms.error.overlaps_existing': 'Overlaps your request {reference}.',
  'forms.error.no_working_days': 'This period has no working days (only weekends or public holidays).',

  'forms.quick.problems': 'I couldn’t read that leave request:',
  'forms.quick.problem.missing_start_date':
    'Start with the first day of leave as YYYY-MM-DD (I read “{value}” where the date should be).',
  'forms.quick.problem.invalid_date':
    '“{value}” is not a valid date; write dates as YYYY-MM-DD, e.g. 2026-12-01.',
  'forms.quick.problem.missing_end_date': 'After “{value}” give the last day of leave.',
  'forms.quick.problem.too_many_dates':
    'Give at most two dates, the first and the last day; “{value}” is one too many.',
  'forms.quick.problem.duplicate_part': '“{value}”: say AM or PM only once for each date.',
  'forms.quick.problem.missing_leave_type': 'Say which kind of leave it is.',
  'forms.quick.problem.unknown_leave_type': 'I don’t know the leave type “{value}”.',
  'forms.quick.problem.missing_reason': 'Add a reason after the leave type.',
  'forms.quick.usage':
    'Usage: `/leave &lt;first day&gt;[am|pm] [to &lt;last day&gt;[am|pm]] &lt;type&gt; &lt;reason&gt;`, for example `/leave 2026-12-01 2026-12-03 annual Family trip` or `/leave 2026-12-01pm sick Doctor’s appointment`. Or type just `/leave` to open the form.',
  'forms.quick.types': 'Leave types: {types}.',
  'forms.quick.typeItem': '{label} (`{value}`)',
} as const satisfies Record<`forms.error.${FieldErrorCode}`, string> & Record<string, string>;
