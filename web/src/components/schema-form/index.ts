export { describe, emptyValue, type FieldNode, labelFor } from './describe';
export { SchemaForm, type SchemaFormProps } from './schema-form';
