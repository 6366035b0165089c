// The compose page: a form built from a kind's JSON Schema, and a live preview of
// its Arabic and English replies from the service's own API. Plain script, no build.
"use strict";

(() => {
  const TOKEN_KEY = "apologykit.token";
  const DEBOUNCE_MS = 300;
  const state = {
    kinds: [],
    kind: null,
    schema: null,
    example: {},
    read: () => ({}),
    token: sessionStorage.getItem(TOKEN_KEY) || "",
    timer: 0,
    round: 0,
    controller: null,
    replies: {},
    ids: 0,
  };

  // -- small helpers ---------------------------------------------------------------

  const byId = (id) => document.getElementById(id);

  function el(tag, attrs = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of [].concat(children)) if (child) node.append(child);
    return node;
  }

  const newId = (stem) => `${stem}-${++state.ids}`;
  const humanise = (name) => name.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  const isEmpty = (value) => value === undefined || value === "";

  class TokenNeeded extends Error {}

  async function api(path, body, signal) {
    const headers = { Accept: "application/json" };
    if (state.token) headers.Authorization = `Bearer ${state.token}`;
    const init = { headers, signal };
    if (body !== undefined) {
      init.method = "POST";
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (response.status === 401) {
      askForToken(data && data.error ? data.error.message : "The server needs its token.");
      throw new TokenNeeded();
    }
    return { status: response.status, data };
  }

  // -- the token -------------------------------------------------------------------

  function askForToken(message) {
    byId("token-panel").hidden = false;
    const status = byId("token-status");
    status.textContent = message;
    status.hidden = !message;
    byId("token").setAttribute("aria-invalid", message ? "true" : "false");
    byId("token").focus();
  }

  function setUpToken() {
    byId("token-form").addEventListener("submit", (event) => {
      event.preventDefault();
      state.token = byId("token").value.trim();
      sessionStorage.setItem(TOKEN_KEY, state.token);
      byId("token-status").hidden = true;
      byId("token").setAttribute("aria-invalid", "false");
      loadKinds();
    });
  }

  // -- schema helpers --------------------------------------------------------------

  // A $ref'd definition, without its class name as a title and with only the
  // first paragraph of its docstring; what the referring field says wins.
  function resolve(schema) {
    if (schema && schema.$ref) {
      const name = schema.$ref.split("/").pop();
      const { $ref, ...rest } = schema;
      const { title, ...definition } = state.schema.$defs[name];
      if (definition.description) definition.description = definition.description.split("\n\n")[0];
      return { ...definition, ...rest };
    }
    return schema || {};
  }

  // anyOf [X, null] is an optional X; the rest of the anyOf stays as it was.
  function unwrapOptional(schema) {
    const options = schema.anyOf;
    if (!options || !options.some((option) => option.type === "null")) return [schema, false];
    const rest = options.filter((option) => option.type !== "null");
    const { anyOf, ...outer } = schema;
    const inner = rest.length === 1 ? { ...resolve(rest[0]), ...outer } : { ...outer, anyOf: rest };
    if (rest.length === 1 && rest[0].description && !outer.description) {
      inner.description = rest[0].description;
    }
    return [inner, true];
  }

  // One string for every language, or one per language ({"en": ..., "ar": ...}).
  function isText(schema) {
    const options = schema.anyOf || [];
    return (
      options.some((option) => option.type === "string" && !option.enum) &&
      options.some((option) => option.type === "object" && option.additionalProperties)
    );
  }

  const isMoney = (schema) =>
    schema.type === "object" &&
    Object.keys(schema.properties || {}).sort().join() === "amount,currency";

  const isNumberText = (schema) =>
    (schema.anyOf || []).length === 2 &&
    schema.anyOf.some((o) => o.type === "number") &&
    schema.anyOf.some((o) => o.type === "string");

  // -- building the form -----------------------------------------------------------

  // Each builder appends its controls to `parent` and returns a function that
  // reads the current value (undefined: leave the field out of the scenario).

  function field(path, label, schema, required) {
    const wrap = el("div", { class: "field", "data-path": path });
    const id = newId("f");
    const caption = el("label", { for: id }, [label]);
    if (required) caption.append(el("span", { class: "required", text: " (required)" }));
    wrap.append(caption);
    const help = schema.description ? el("p", { class: "hint", id: `${id}-help`, text: schema.description }) : null;
    const error = el("p", { class: "field-error", id: `${id}-error`, hidden: true });
    return { wrap, id, help, error, describedBy: [help && help.id, error.id].filter(Boolean).join(" ") };
  }

  function finish(parts, ...controls) {
    for (const control of controls) {
      control.setAttribute("aria-describedby", parts.describedBy);
      control.addEventListener("input", schedule);
      control.addEventListener("change", schedule);
    }
    if (parts.help) parts.wrap.append(parts.help);
    parts.wrap.append(parts.error);
  }

  function build(parent, schema, path, name, value, required) {
    let optional;
    [schema, optional] = unwrapOptional(resolve(schema));
    const label = humanise(name);
    if (schema.const !== undefined) return () => schema.const;
    if (isMoney(schema)) return buildMoney(parent, schema, path, label, value, required, optional);
    if (schema.discriminator) return buildUnion(parent, schema, path, label, value, optional);
    if (isText(schema)) return buildText(parent, schema, path, label, value, required);
    if (isNumberText(schema)) return buildDecimal(parent, schema, path, label, value, required);
    if (schema.type === "object" && schema.properties) {
      return optional
        ? buildOptionalGroup(parent, schema, path, label, value)
        : buildGroup(parent, schema, path, label, value, required);
    }
    if (schema.type === "array") return buildList(parent, schema, path, label, value, required);
    if (schema.enum) return buildChoice(parent, schema, path, label, value, required, optional);
    if (schema.type === "boolean") return buildCheck(parent, schema, path, label, value);
    if (schema.type === "integer" || schema.type === "number") {
      return buildNumber(parent, schema, path, label, value, required);
    }
    if (schema.format === "date-time") return buildDateTime(parent, schema, path, label, value, required);
    if (schema.format === "duration") return buildDuration(parent, schema, path, label, value, required);
    if (name === "currency") return buildCurrency(parent, schema, path, label, value, required);
    return buildString(parent, schema, path, label, value, required, name);
  }

  function buildFields(parent, schema, path, value, skip = () => false) {
    const readers = {};
    const needed = new Set(schema.required || []);
    for (const [name, property] of Object.entries(schema.properties)) {
      const childPath = path ? `${path}.${name}` : name;
      if (skip(childPath)) continue;
      const childValue = value ? value[name] : undefined;
      readers[name] = build(parent, property, childPath, name, childValue, needed.has(name));
    }
    return readers;
  }

  function readAll(readers) {
    const out = {};
    for (const [name, read] of Object.entries(readers)) {
      const value = read();
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  function buildGroup(parent, schema, path, label, value, required) {
    const group = el("fieldset", { class: "group", "data-path": path }, [el("legend", { text: label })]);
    if (schema.description) group.append(el("p", { class: "hint", text: schema.description }));
    const readers = buildFields(group, schema, path, value, (p) => p === "customer.gender");
    group.append(el("p", { class: "field-error", hidden: true }));
    parent.append(group);
    return () => {
      const out = readAll(readers);
      if (path === "customer" && byId("gender").value) out.gender = byId("gender").value;
      return Object.keys(out).length || required ? out : undefined;
    };
  }

  function buildOptionalGroup(parent, schema, path, label, value) {
    const group = el("fieldset", { class: "group", "data-path": path }, [el("legend", { text: label })]);
    const id = newId("give");
    const toggle = el("input", { type: "checkbox", id, checked: value !== undefined && value !== null });
    group.append(el("div", { class: "check" }, [toggle, el("label", { for: id, text: `Give ${label.toLowerCase()}` })]));
    const body = el("div", { class: "group-body" });
    const readers = buildFields(body, schema, path, value || undefined);
    body.hidden = !toggle.checked;
    toggle.addEventListener("change", () => {
      body.hidden = !toggle.checked;
      schedule();
    });
    group.append(body, el("p", { class: "field-error", hidden: true }));
    parent.append(group);
    return () => (toggle.checked ? readAll(readers) : undefined);
  }

  function buildUnion(parent, schema, path, label, value, optional) {
    const group = el("fieldset", { class: "group union", "data-path": path }, [el("legend", { text: label })]);
    if (schema.description) group.append(el("p", { class: "hint", text: schema.description }));
    const tagName = schema.discriminator.propertyName;
    const variants = {};
    for (const option of schema.oneOf) {
      const variant = resolve(option);
      variants[variant.properties[tagName].const] = variant;
    }
    const id = newId("type");
    const select = el("select", { id });
    if (optional) select.append(el("option", { value: "", text: "None" }));
    for (const [tag, variant] of Object.entries(variants)) {
      const summary = variant.description ? `: ${variant.description.split("\n")[0]}` : "";
      select.append(el("option", { value: tag, text: `${humanise(tag)}${summary}` }));
    }
    select.value = value && value[tagName] ? value[tagName] : optional ? "" : Object.keys(variants)[0];
    group.append(el("div", { class: "field" }, [el("label", { for: id, text: "Type" }), select]));
    const body = el("div", { class: "group-body" });
    group.append(body, el("p", { class: "field-error", hidden: true }));
    let readers = {};
    const show = (current) => {
      body.replaceChildren();
      group.dataset.tag = select.value;
      const variant = variants[select.value];
      readers = variant ? buildFields(body, variant, path, current) : {};
      body.hidden = !variant || !Object.keys(readers).some((name) => name !== tagName);
    };
    show(value);
    select.addEventListener("change", () => {
      show(undefined);
      schedule();
    });
    parent.append(group);
    return () => (select.value ? { [tagName]: select.value, ...readAll(readers) } : undefined);
  }

  function buildList(parent, schema, path, label, value, required) {
    const group = el("fieldset", { class: "group list", "data-path": path }, [el("legend", { text: label })]);
    if (schema.description) group.append(el("p", { class: "hint", text: schema.description }));
    const items = el("ol", { class: "items" });
    const add = el("button", { type: "button", class: "secondary", text: `Add to ${label.toLowerCase()}` });
    group.append(items, add, el("p", { class: "field-error", hidden: true }));
    parent.append(group);
    const min = schema.minItems || 0;
    const max = schema.maxItems || 100;
    let readers = [];
    const render = (values, focusIndex) => {
      items.replaceChildren();
      readers = values.map((itemValue, index) => {
        const item = el("li", { class: "item" });
        const body = el("div", { class: "item-body" });
        const itemName = `${label.replace(/([^s])s$/, "$1")} ${index + 1}`;
        const read = build(body, schema.items, `${path}.${index}`, itemName, itemValue, true);
        const remove = el("button", {
          type: "button",
          class: "remove secondary",
          text: "Remove",
          "aria-label": `Remove ${itemName.toLowerCase()}`,
          disabled: values.length <= min,
        });
        remove.addEventListener("click", () => {
          const current = readers.map((r) => r());
          current.splice(index, 1);
          render(current, Math.min(index, current.length - 1));
          if (!current.length) add.focus();
          schedule();
        });
        item.append(body, remove);
        items.append(item);
        return read;
      });
      add.disabled = values.length >= max;
      if (focusIndex !== undefined && focusIndex >= 0) {
        const target = items.children[focusIndex];
        const control = target && target.querySelector("input, select, textarea");
        if (control) control.focus();
      }
    };
    render(Array.isArray(value) ? value : [], undefined);
    add.addEventListener("click", () => {
      const current = readers.map((r) => r());
      current.push(undefined);
      render(current, current.length - 1);
      schedule();
    });
    return () => {
      const values = readers.map((r) => r());
      return values.length || required ? values.map((v) => (v === undefined ? "" : v)) : undefined;
    };
  }

  function textBox(id, long, lang, dir, describedBy) {
    const attrs = { id, lang, dir, spellcheck: "true", "aria-describedby": describedBy };
    return long ? el("textarea", { ...attrs, rows: 2 }) : el("input", { ...attrs, type: "text" });
  }

  function buildText(parent, schema, path, label, value, required) {
    const parts = field(path, label, schema, required);
    const string = schema.anyOf.find((o) => o.type === "string" && !o.enum);
    const keys = schema.anyOf.find((o) => o.enum);
    const long = (string.maxLength || 0) > 200;
    const arId = newId("ar");
    const english = textBox(parts.id, long, "en", "ltr");
    const arabic = textBox(arId, long, "ar", "rtl");
    if (keys) {
      const listId = newId("keys");
      parts.wrap.append(el("datalist", { id: listId }, keys.enum.map((key) => el("option", { value: key }))));
      english.setAttribute("list", listId);
    }
    if (typeof value === "string") english.value = value;
    else if (value && typeof value === "object") {
      english.value = value.en || "";
      arabic.value = value.ar || "";
    }
    if (typeof schema.default === "string") english.placeholder = schema.default;
    const arabicLabel = el("label", { for: arId, class: "sub" }, [
      el("span", { class: "visually-hidden", text: `${label}: ` }),
      "Arabic (optional) · ",
      el("span", { lang: "ar", text: "بالعربية" }),
    ]);
    const englishLabel = el("label", { for: parts.id, class: "sub", text: "English, or one text for both" });
    const pair = el("div", { class: "pair" }, [
      el("div", {}, [englishLabel, english]),
      el("div", {}, [arabicLabel, arabic]),
    ]);
    parts.wrap.append(pair);
    finish(parts, english, arabic);
    parent.append(parts.wrap);
    return () => {
      const en = english.value.trim();
      const ar = arabic.value.trim();
      if (!ar) return en || undefined;
      return en ? { en, ar } : { ar };
    };
  }

  function buildDecimal(parent, schema, path, label, value, required) {
    const parts = field(path, label, schema, required);
    const input = el("input", { id: parts.id, type: "text", inputmode: "decimal", autocomplete: "off" });
    if (value !== undefined && value !== null) input.value = String(value);
    parts.wrap.append(input);
    finish(parts, input);
    parent.append(parts.wrap);
    return () => input.value.trim() || undefined;
  }

  // An amount and its currency side by side; an optional one (a cancellation's
  // refund) is left out while its amount is empty.
  function buildMoney(parent, schema, path, label, value, required, optional) {
    const parts = field(path, label, schema, required && !optional);
    const currencyId = newId("cur");
    const amount = el("input", { id: parts.id, type: "text", inputmode: "decimal", autocomplete: "off" });
    const currency = el("select", { id: currencyId });
    currency.append(byId("currency-options").content.cloneNode(true));
    currency.value = (value && value.currency) || "SAR";
    if (value && value.amount !== undefined && value.amount !== null) amount.value = String(value.amount);
    if (optional) amount.placeholder = "none";
    parts.wrap.append(
      el("div", { class: "pair narrow" }, [
        el("div", {}, [el("label", { for: parts.id, class: "sub", text: "Amount" }), amount]),
        el("div", {}, [el("label", { for: currencyId, class: "sub", text: "Currency" }), currency]),
      ]),
    );
    finish(parts, amount, currency);
    parent.append(parts.wrap);
    return () => {
      const given = amount.value.trim();
      if (!given && optional) return undefined;
      return { amount: given, currency: currency.value };
    };
  }

  function buildCurrency(parent, schema, path, label, value, required) {
    const parts = field(path, label, schema, required);
    const select = el("select", { id: parts.id });
    select.append(byId("currency-options").content.cloneNode(true));
    select.value = value || "SAR";
    parts.wrap.append(select);
    finish(parts, select);
    parent.append(parts.wrap);
    return () => select.value;
  }

  function buildChoice(parent, schema, path, label, value, required, optional) {
    const parts = field(path, label, schema, required);
    const select = el("select", { id: parts.id });
    if (optional || (!required && schema.default === undefined)) {
      select.append(el("option", { value: "", text: "Not given" }));
    }
    for (const option of schema.enum) select.append(el("option", { value: option, text: humanise(String(option)) }));
    select.value = value !== undefined && value !== null ? value : schema.default !== undefined ? schema.default : "";
    parts.wrap.append(select);
    finish(parts, select);
    parent.append(parts.wrap);
    return () => select.value || undefined;
  }

  function buildCheck(parent, schema, path, label, value) {
    const parts = field(path, label, schema, false);
    const input = el("input", { id: parts.id, type: "checkbox" });
    input.checked = value !== undefined ? Boolean(value) : Boolean(schema.default);
    const caption = parts.wrap.querySelector("label");
    parts.wrap.prepend(el("div", { class: "check" }, [input, caption]));
    finish(parts, input);
    parent.append(parts.wrap);
    return () => input.checked;
  }

  function buildNumber(parent, schema, path, label, value, required) {
    const parts = field(path, label, schema, required);
    const input = el("input", {
      id: parts.id,
      type: "number",
      step: schema.type === "integer" ? 1 : "any",
      min: schema.minimum,
      max: schema.maximum,
    });
    if (value !== undefined && value !== null) input.value = String(value);
    parts.wrap.append(input);
    finish(parts, input);
    parent.append(parts.wrap);
    return () => (input.value === "" ? undefined : Number(input.value));
  }

  function buildString(parent, schema, path, label, value, required, name) {
    const parts = field(path, label, schema, required);
    const type = schema.format === "date" ? "date" : schema.format === "uri" ? "url" : "text";
    const input = el("input", {
      id: parts.id,
      type,
      maxlength: type === "text" ? schema.maxLength : undefined,
      list: name === "timezone" ? "zones" : undefined,
      autocomplete: "off",
    });
    if (value !== undefined && value !== null) input.value = String(value);
    parts.wrap.append(input);
    finish(parts, input);
    parent.append(parts.wrap);
    return () => input.value.trim() || undefined;
  }

  const MOMENT = /^(\d{4}-\d\d-\d\dT\d\d:\d\d)(?::(\d\d)(?:\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

  function buildDateTime(parent, schema, path, label, value, required) {
    const parts = field(path, label, schema, required);
    const zoneId = newId("zone");
    const local = el("input", { id: parts.id, type: "datetime-local", step: 60 });
    const zone = el("select", { id: zoneId });
    zone.append(byId("offset-options").content.cloneNode(true));
    zone.value = "+03:00";
    const found = typeof value === "string" ? MOMENT.exec(value) : null;
    if (found) {
      local.value = found[1];
      const offset = found[3] === "Z" ? "+00:00" : found[3];
      if (![...zone.options].some((o) => o.value === offset)) {
        zone.append(el("option", { value: offset, text: `UTC${offset}` }));
      }
      zone.value = offset;
    }
    parts.wrap.append(
      el("div", { class: "pair" }, [
        el("div", {}, [local]),
        el("div", {}, [el("label", { for: zoneId, class: "sub", text: "Time zone (UTC offset)" }), zone]),
      ]),
    );
    finish(parts, local, zone);
    parent.append(parts.wrap);
    return () => {
      if (!local.value) return undefined;
      const seconds = local.value.length === 16 ? ":00" : "";
      return `${local.value}${seconds}${zone.value}`;
    };
  }

  const UNITS = [
    ["weeks", "Weeks", 7 * 24 * 60],
    ["days", "Days", 24 * 60],
    ["hours", "Hours", 60],
    ["minutes", "Minutes", 1],
  ];
  const PERIOD = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

  function minutesOf(text) {
    const found = typeof text === "string" ? PERIOD.exec(text) : null;
    if (!found) return null;
    const [weeks, days, hours, minutes] = found.slice(1, 5).map((part) => Number(part || 0));
    return ((weeks * 7 + days) * 24 + hours) * 60 + minutes;
  }

  function buildDuration(parent, schema, path, label, value, required) {
    const parts = field(path, label, schema, required);
    const unitId = newId("unit");
    const amount = el("input", { id: parts.id, type: "number", min: 1, step: 1, inputmode: "numeric" });
    const unit = el("select", { id: unitId });
    for (const [key, text] of UNITS) unit.append(el("option", { value: key, text }));
    unit.value = "days";
    const total = minutesOf(value);
    if (total) {
      const [key, , size] = UNITS.find(([, , size]) => total % size === 0);
      amount.value = String(total / size);
      unit.value = key;
    }
    parts.wrap.append(
      el("div", { class: "pair narrow" }, [
        el("div", {}, [amount]),
        el("div", {}, [el("label", { for: unitId, class: "sub", text: "Unit" }), unit]),
      ]),
    );
    finish(parts, amount, unit);
    parent.append(parts.wrap);
    return () => {
      if (amount.value === "") return undefined;
      const count = Number(amount.value);
      if (!Number.isInteger(count)) return amount.value;
      return {
        weeks: `P${count * 7}D`,
        days: `P${count}D`,
        hours: `PT${count}H`,
        minutes: `PT${count}M`,
      }[unit.value];
    };
  }

  function renderForm(example) {
    const root = byId("form-root");
    root.replaceChildren();
    byId("gender").value = (example.customer && example.customer.gender) || "";
    const readers = buildFields(root, state.schema, "", example);
    state.read = () => ({ ...readAll(readers), kind: state.kind.kind });
    clearErrors();
    schedule();
  }

  // -- field errors ----------------------------------------------------------------

  // "kind scenario: 2 invalid fields: a.b: message; c: message" -> {path: message}
  function messagesByField(error) {
    const out = new Map();
    const fields = error.fields || [];
    let from = 0;
    const starts = fields.map((path) => {
      const at = error.message.indexOf(`${path}: `, from);
      if (at >= 0) from = at + path.length + 2;
      return at;
    });
    fields.forEach((path, index) => {
      const at = starts[index];
      if (at < 0) {
        out.set(path, error.message);
        return;
      }
      const next = starts.slice(index + 1).find((s) => s >= 0);
      let text = error.message.slice(at + path.length + 2, next === undefined ? undefined : next);
      text = text.replace(/;\s*$/, "").replace(/^Value error, /, "");
      out.set(path, text);
    });
    return out;
  }

  // The element showing a field path: a union's tag in the path is skipped.
  function holderOf(path) {
    const parts = path.split(".");
    const kept = [];
    let best = null;
    for (let index = 0; index < parts.length; index += 1) {
      const current = kept.join(".");
      const holder = current ? document.querySelector(`[data-path="${CSS.escape(current)}"]`) : null;
      if (holder && holder.dataset.tag === parts[index]) continue;
      kept.push(parts[index]);
      const found = document.querySelector(`[data-path="${CSS.escape(kept.join("."))}"]`);
      if (found) best = found;
    }
    return best;
  }

  function clearErrors() {
    for (const error of document.querySelectorAll(".field-error:not(#token-status)")) {
      error.hidden = true;
      error.textContent = "";
    }
    for (const control of document.querySelectorAll("[aria-invalid='true']:not(#token)")) {
      control.removeAttribute("aria-invalid");
    }
    const general = byId("form-errors");
    general.hidden = true;
    general.replaceChildren();
  }

  function showErrors(errors) {
    clearErrors();
    const general = byId("form-errors");
    for (const [path, message] of errors) {
      const holder = holderOf(path);
      if (!holder) {
        general.append(el("p", { text: path ? `${path}: ${message}` : message }));
        general.hidden = false;
        continue;
      }
      const slot = holder.querySelector(":scope > .field-error");
      slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
      slot.hidden = false;
      for (const control of holder.querySelectorAll(":scope > input, :scope > select, :scope > textarea, :scope > .pair input, :scope > .pair select, :scope > .pair textarea, :scope > .check input")) {
        control.setAttribute("aria-invalid", "true");
      }
    }
  }

  // -- the preview -----------------------------------------------------------------

  function schedule() {
    clearTimeout(state.timer);
    state.timer = setTimeout(update, DEBOUNCE_MS);
  }

  function localesFor(customer) {
    const language = customer.split("-")[0];
    return {
      ar: language === "ar" ? customer : "ar-SA",
      en: language === "en" ? customer : "en-GB",
    };
  }

  async function update() {
    if (!state.kind) return;
    const round = ++state.round;
    if (state.controller) state.controller.abort();
    const controller = new AbortController();
    state.controller = controller;
    const scenario = state.read();
    const channel = byId("channel").value;
    const customer = byId("locale").value;
    const locales = localesFor(customer);
    document.querySelector(".preview-grid").dataset.first = customer.split("-")[0];
    byId("status").textContent = "Updating the preview…";
    let answers;
    try {
      answers = await Promise.all(
        ["ar", "en"].map((lang) =>
          api("/v1/replies", { scenario, locale: locales[lang], channel, format: "full" }, controller.signal),
        ),
      );
    } catch (error) {
      if (error.name === "AbortError" || error instanceof TokenNeeded) return;
      byId("status").textContent = `The service did not answer: ${error.message}`;
      return;
    }
    if (round !== state.round) return;
    const errors = new Map();
    ["ar", "en"].forEach((lang, index) => {
      const { status, data } = answers[index];
      if (status === 200) showReply(lang, data);
      else {
        const error = (data && data.error) || { message: `HTTP ${status}`, fields: [] };
        showFailure(lang, error.message);
        const found = messagesByField(error);
        if (!found.size) errors.set("", error.message);
        for (const [path, message] of found) errors.set(path, message);
      }
    });
    showErrors(errors);
    const bad = errors.size;
    byId("status").textContent = bad
      ? `${bad} ${bad === 1 ? "problem" : "problems"} to fix: see the marked ${bad === 1 ? "field" : "fields"}.`
      : "Preview up to date.";
    document.body.dataset.previewRound = String(round);
  }

  function showReply(lang, reply) {
    state.replies[lang] = reply;
    const block = byId(`preview-${lang}`);
    const body = block.querySelector(".reply");
    body.dir = reply.direction;
    body.lang = reply.language;
    block.querySelector(".locale").textContent = reply.locale;
    const subject = block.querySelector(".subject");
    subject.hidden = !reply.subject;
    block.querySelector(".subject-text").textContent = reply.subject || "";
    block.querySelector(".reply-text").textContent = reply.text;
    const sms = block.querySelector(".sms");
    sms.hidden = reply.sms_segments === null || reply.sms_segments === undefined;
    sms.textContent = sms.hidden ? "" : `SMS: ${reply.sms_segments} ${reply.sms_segments === 1 ? "segment" : "segments"}`;
    const warnings = block.querySelector(".warnings");
    warnings.replaceChildren(
      ...(reply.warnings || []).map((w) => el("li", { text: `${w.field}: ${w.message}` })),
    );
    warnings.hidden = !warnings.children.length;
    block.querySelector(".preview-error").hidden = true;
    block.classList.remove("failed");
    for (const button of block.querySelectorAll(".copy")) button.disabled = false;
  }

  function showFailure(lang, message) {
    delete state.replies[lang];
    const block = byId(`preview-${lang}`);
    const error = block.querySelector(".preview-error");
    error.textContent = message;
    error.hidden = false;
    block.classList.add("failed");
    for (const button of block.querySelectorAll(".copy")) button.disabled = true;
  }

  async function copy(button) {
    const lang = button.closest(".preview").dataset.lang;
    const reply = state.replies[lang];
    if (!reply) return;
    const what = button.dataset.copy;
    const name = lang === "ar" ? "Arabic" : "English";
    try {
      if (what === "html" && window.ClipboardItem) {
        await navigator.clipboard.write([
          new ClipboardItem({
            "text/html": new Blob([reply.html], { type: "text/html" }),
            "text/plain": new Blob([reply.html], { type: "text/plain" }),
          }),
        ]);
      } else {
        await navigator.clipboard.writeText(what === "html" ? reply.html : reply.text);
      }
      byId("status").textContent = `Copied the ${name} ${what === "html" ? "HTML" : "text"}.`;
    } catch (error) {
      byId("status").textContent = `The browser refused the clipboard (${error.message}); select the text and copy it by hand.`;
    }
  }

  // -- kinds -----------------------------------------------------------------------

  async function loadKinds() {
    let answer;
    try {
      answer = await api("/v1/kinds");
    } catch (error) {
      if (!(error instanceof TokenNeeded)) byId("status").textContent = `The service did not answer: ${error.message}`;
      return;
    }
    if (answer.status !== 200) {
      byId("status").textContent = answer.data && answer.data.error ? answer.data.error.message : `HTTP ${answer.status}`;
      return;
    }
    if (document.body.dataset.tokenRequired === "yes") byId("token-panel").hidden = !!state.token;
    state.kinds = answer.data;
    const list = byId("kind-list");
    list.replaceChildren(el("legend", { class: "visually-hidden", text: "Kinds" }));
    for (const kind of state.kinds) {
      const id = `kind-${kind.kind}`;
      const radio = el("input", { type: "radio", name: "kind", id, value: kind.kind });
      radio.addEventListener("change", () => chooseKind(kind));
      list.append(
        el("div", { class: "kind-option", "data-search": `${kind.kind.replace(/_/g, " ")} ${kind.description}`.toLowerCase() }, [
          radio,
          el("label", { for: id }, [
            el("span", { class: "kind-name", text: humanise(kind.kind) }),
            el("span", { class: "kind-summary", text: kind.description }),
          ]),
        ]),
      );
    }
    filterKinds();
    const first = state.kinds[0];
    if (first && !state.kind) {
      byId(`kind-${first.kind}`).checked = true;
      await chooseKind(first);
    }
  }

  function filterKinds() {
    const words = byId("kind-search").value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const option of document.querySelectorAll(".kind-option")) {
      const match = words.every((word) => option.dataset.search.includes(word));
      option.hidden = !match;
      if (match) shown += 1;
    }
    byId("kind-count").textContent = `${shown} of ${state.kinds.length} kinds`;
  }

  async function chooseKind(kind) {
    state.kind = kind;
    byId("kind-description").textContent = kind.description;
    const channel = byId("channel");
    const before = channel.value;
    channel.replaceChildren(...kind.channels.map((name) => el("option", { value: name, text: humanise(name) })));
    channel.value = kind.channels.includes(before) ? before : kind.channels[0];
    let schema;
    let examples;
    try {
      [schema, examples] = await Promise.all([
        api(`/v1/kinds/${encodeURIComponent(kind.kind)}/schema`),
        api(`/v1/kinds/${encodeURIComponent(kind.kind)}/examples`),
      ]);
    } catch (error) {
      if (!(error instanceof TokenNeeded)) byId("status").textContent = `The service did not answer: ${error.message}`;
      return;
    }
    if (state.kind !== kind) return;
    state.schema = schema.data;
    state.example = (examples.data && examples.data[0]) || {};
    renderForm(state.example);
  }

  // -- start -----------------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", () => {
    setUpToken();
    byId("kind-search").addEventListener("input", filterKinds);
    byId("kind-search").addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      const first = document.querySelector(".kind-option:not([hidden]) input");
      if (first) {
        first.checked = true;
        first.focus();
        first.dispatchEvent(new Event("change"));
      }
    });
    for (const id of ["channel", "locale", "gender"]) byId(id).addEventListener("change", schedule);
    byId("reset").addEventListener("click", () => state.kind && renderForm(state.example));
    byId("fields").addEventListener("submit", (event) => event.preventDefault());
    for (const button of document.querySelectorAll(".copy")) {
      button.disabled = true;
      button.addEventListener("click", () => copy(button));
    }
    const customer = navigator.language || "";
    if (customer.startsWith("ar") && [...byId("locale").options].some((o) => o.value === customer)) {
      byId("locale").value = customer;
    }
    if (document.body.dataset.tokenRequired === "yes" && !state.token) {
      askForToken("");
      return;
    }
    loadKinds();
  });
})();
