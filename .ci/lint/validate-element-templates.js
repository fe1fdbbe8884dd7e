// Validates element-templates/*.json against the published Camunda element-template JSON schema
// (the one named by each template's "$schema"), as Camunda Modeler would on loading them.
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');
const schema = require('@camunda/element-templates-json-schema/resources/schema.json');

const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
const folder = path.resolve(__dirname, '../../element-templates');
let failed = false;
for (const file of fs.readdirSync(folder).filter(f => f.endsWith('.json'))) {
  const templates = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
  if (validate(templates)) {
    console.log(`${file}: valid`);
  } else {
    failed = true;
    console.error(`${file}: ${JSON.stringify(validate.errors, null, 2)}`);
  }
}
process.exit(failed ? 1 : 0);
