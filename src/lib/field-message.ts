/**
 * A validation message as a client reads it: zod says "Invalid input: expected number, received
 * undefined" for a field that is missing, which reads as a type error; it is a required field.
 */
export function fieldMessage(message: string): string {
  const missing = /^Invalid input: expected (.+), received undefined$/.exec(message);
  return missing ? `required (${missing[1]})` : message;
}
