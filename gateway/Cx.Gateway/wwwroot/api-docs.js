// Renders the gateway's OpenAPI document: operations grouped by tag, each with its permission,
// parameters and schemas. Plain DOM and textContent only, so the page runs under a CSP without
// 'unsafe-inline' and no text from the document is ever parsed as HTML.
'use strict';

(() => {
  const refPrefix = '#/components/schemas/';
  const methodOrder = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
  const specUrl = document.body.dataset.spec || '/openapi.json';
  let schemas = {};

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };

  // Refs point at components by name; a chain of them is followed, with a bound in case of a loop.
  const deref = (schema) => {
    let current = schema;
    for (let hops = 0; current && current.$ref && hops < 16; hops++) {
      current = current.$ref.startsWith(refPrefix) ? schemas[current.$ref.slice(refPrefix.length)] : undefined;
    }
    return current || {};
  };

  // What a value is made of once lists and maps are looked through: the message or enum to show.
  const innermost = (schema) => {
    let current = deref(schema);
    for (let depth = 0; depth < 16; depth++) {
      if (current.type === 'array' && current.items) current = deref(current.items);
      else if (isMap(current)) current = deref(current.additionalProperties);
      else break;
    }
    return current;
  };

  const isMap = (schema) => schema.type === 'object' && typeof schema.additionalProperties === 'object';
  const hasFields = (schema) => schema.properties && Object.keys(schema.properties).length > 0;
  const shortName = (ref) => ref.slice(ref.lastIndexOf('.') + 1);

  const typeLabel = (schema) => {
    if (!schema || Object.keys(schema).length === 0) return 'any';
    if (schema.$ref) return shortName(schema.$ref);
    if (schema.type === 'array') return `${typeLabel(schema.items)}[]`;
    if (isMap(schema)) return `map<string, ${typeLabel(schema.additionalProperties)}>`;
    const type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type || 'any';
    return schema.format ? `${type} (${schema.format})` : type;
  };

  const describe = (schema) => schema.description || deref(schema).description;

  const notes = (schema, required) => {
    const parts = [];
    if (required) parts.push(el('span', 'badge', 'required'));
    if (schema.deprecated) parts.push(el('span', 'badge', 'deprecated'));
    const description = describe(schema);
    if (description) parts.push(el('div', 'note', description));
    const values = innermost(schema).enum;
    if (values) parts.push(el('div', 'enum', `One of: ${values.join(', ')}`));
    return parts;
  };

  // Nested messages open on demand: the tree can be deep, and recursive messages never end.
  const expandable = (summaryNodes, schema) => {
    const details = el('details');
    const summary = el('summary');
    summary.append(...summaryNodes);
    details.append(summary);
    details.addEventListener('toggle', () => {
      if (details.open && !details.dataset.filled) {
        details.dataset.filled = 'true';
        details.append(fieldList(schema));
      }
    });
    return details;
  };

  const fieldList = (schema) => {
    const list = el('ul', 'schema');
    const required = schema.required || [];
    for (const [name, fieldSchema] of Object.entries(schema.properties || {})) {
      const item = el('li');
      const head = [el('span', 'name', name), ' ', el('span', 'type', typeLabel(fieldSchema)), ' '];
      const inner = innermost(fieldSchema);
      if (hasFields(inner)) item.append(expandable(head, inner));
      else item.append(...head);
      item.append(...notes(fieldSchema, required.includes(name)));
      list.append(item);
    }
    return list;
  };

  const schemaBlock = (title, schema, description) => {
    const block = el('div');
    block.append(el('h4', null, title));
    const line = el('div');
    line.append(el('span', 'type', typeLabel(schema)));
    if (description) line.append(' ', el('span', 'note', description));
    block.append(line, ...notes(schema, false));
    const inner = innermost(schema);
    if (hasFields(inner)) block.append(fieldList(inner));
    return block;
  };

  const parameterTable = (parameters) => {
    const table = el('table');
    const head = el('tr');
    for (const label of ['Name', 'In', 'Type', 'Description']) head.append(el('th', null, label));
    table.append(head);
    for (const parameter of parameters) {
      const row = el('tr');
      const name = el('td');
      name.append(el('code', null, parameter.name));
      if (parameter.required) name.append(' ', el('span', 'badge', 'required'));
      const description = el('td');
      description.append(...notes({ ...parameter.schema, description: parameter.description }, false));
      row.append(name, el('td', null, parameter.in), el('td', 'type', typeLabel(parameter.schema)), description);
      table.append(row);
    }
    return table;
  };

  const jsonSchemaOf = (holder) => holder && holder.content && holder.content['application/json'] && holder.content['application/json'].schema;

  const operationBody = (operation) => {
    const body = el('div', 'operation-body');
    if (operation.description) body.append(el('p', null, operation.description));
    const id = el('p', 'muted', 'Operation id ');
    id.append(el('code', null, operation.operationId));
    body.append(id);
    if (operation.parameters && operation.parameters.length) {
      body.append(el('h4', null, 'Parameters'), parameterTable(operation.parameters));
    }
    const request = jsonSchemaOf(operation.requestBody);
    if (request) body.append(schemaBlock('Request body', request));
    const example = operation.requestBody && operation.requestBody.content && operation.requestBody.content['application/json'].example;
    if (example !== undefined) body.append(el('h4', null, 'Example'), el('pre', 'example', JSON.stringify(example, null, 2)));
    for (const [code, response] of Object.entries(operation.responses || {})) {
      const schema = jsonSchemaOf(response);
      const title = code === 'default' ? 'Error' : `Response ${code}`;
      if (schema) body.append(schemaBlock(title, schema, response.description));
      else body.append(el('h4', null, title), el('p', 'note', response.description));
    }
    return body;
  };

  const operationItem = (path, method, operation) => {
    const details = el('details', 'operation');
    const permission = operation['x-cx-permission'];
    details.dataset.search = [method, path, operation.operationId, operation.summary, permission].join(' ').toLowerCase();
    const summary = el('summary');
    summary.append(el('span', `method ${method}`, method), el('span', 'path', path), el('span', 'summary', operation.summary));
    if (operation['x-cx-server-streaming']) summary.append(el('span', 'badge', 'stream'));
    if (operation.deprecated) summary.append(el('span', 'badge', 'deprecated'));
    if (permission) summary.append(el('span', 'badge', permission));
    details.append(summary);
    details.addEventListener('toggle', () => {
      if (details.open && !details.dataset.filled) {
        details.dataset.filled = 'true';
        details.append(operationBody(operation));
      }
    });
    return details;
  };

  const renderAuth = (doc) => {
    const schemes = (doc.components && doc.components.securitySchemes) || {};
    const auth = document.getElementById('auth');
    auth.append(el('strong', null, 'Authentication'));
    for (const scheme of Object.values(schemes)) {
      const how = scheme.type === 'apiKey' ? `${scheme.name} ${scheme.in}` : `Authorization: ${scheme.scheme === 'bearer' ? 'Bearer' : scheme.scheme} …`;
      const line = el('p');
      line.append(el('code', null, how));
      if (scheme.description) line.append(' ', el('span', 'muted', scheme.description));
      auth.append(line);
    }
    auth.hidden = Object.keys(schemes).length === 0;
  };

  const render = (doc) => {
    schemas = (doc.components && doc.components.schemas) || {};
    document.getElementById('title').textContent = doc.info.title;
    document.getElementById('version').textContent = `Version ${doc.info.version} · OpenAPI ${doc.openapi}`;
    document.title = doc.info.title;
    renderAuth(doc);

    const groups = new Map((doc.tags || []).map((tag) => [tag.name, []]));
    for (const [path, item] of Object.entries(doc.paths || {})) {
      for (const method of methodOrder.filter((m) => item[m])) {
        const tag = (item[method].tags && item[method].tags[0]) || 'other';
        if (!groups.has(tag)) groups.set(tag, []);
        groups.get(tag).push(operationItem(path, method, item[method]));
      }
    }

    // Webhooks are what the platform POSTs to a subscriber: listed by event type.
    for (const [type, item] of Object.entries(doc.webhooks || {})) {
      if (!item.post) continue;
      if (!groups.has('webhooks')) groups.set('webhooks', []);
      groups.get('webhooks').push(operationItem(type, 'post', item.post));
    }

    const container = document.getElementById('operations');
    for (const [tag, items] of groups) {
      if (items.length === 0) continue;
      const section = el('section', 'tag');
      section.append(el('h2', null, tag), ...items);
      container.append(section);
    }
    document.getElementById('status').hidden = true;
  };

  document.getElementById('filter').addEventListener('input', (event) => {
    const query = event.target.value.trim().toLowerCase();
    for (const section of document.querySelectorAll('section.tag')) {
      let visible = 0;
      for (const operation of section.querySelectorAll('details.operation')) {
        operation.hidden = query !== '' && !operation.dataset.search.includes(query);
        if (!operation.hidden) visible++;
      }
      section.hidden = visible === 0;
    }
  });

  fetch(specUrl, { headers: { Accept: 'application/json' } })
    .then((response) => {
      if (!response.ok) throw new Error(`${specUrl} answered ${response.status}`);
      return response.json();
    })
    .then(render)
    .catch((error) => {
      const status = document.getElementById('status');
      status.textContent = `The API description could not be loaded: ${error.message}`;
      status.className = 'error';
    });
})();
