/** The emulator's page API: JSON over same-origin fetch. */

export class ApiError extends Error {
  constructor(message, code, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

async function parse(response) {
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`${response.status} ${response.statusText}`, 'invalid_response', response.status);
  }
  if (!response.ok || body.ok === false) {
    throw new ApiError(body.detail || body.error || response.statusText, body.error, response.status);
  }
  return body;
}

export async function getJson(path) {
  return parse(await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-store' }));
}

export async function post(action, body) {
  const response = await fetch(`/_ui/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return parse(response);
}
