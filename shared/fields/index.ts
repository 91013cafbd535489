// Field kinds, declared once: the server validates with them, the form renders and checks with them.
export * from './types.ts';
export { isMap, isStringList, sameJson, type JsonValue } from './json.ts';
export { fieldMessages, labelOf } from './messages.ts';
export { FIELD_KINDS, detectKind, initialValue, kindFor, kindOf } from './registry.ts';
export { fieldSchema, fieldsSchema, isEmptyValue } from './shape.ts';
export { schemaToZod, validateChange, validateFields } from './validate.ts';
export { optionLabel, optionValue } from './select/index.ts';
export { LONG_TEXT } from './string/index.ts';
export { IMAGE_KEYS } from './image/index.ts';
