"""Rendering formset rows (shared by every app's formsets through includes/formset_rijen.html)."""

import copy

from django import template

register = template.Library()


@register.filter
def row_fields(form):
    """The visible fields of one formset row. An extra row nobody has started to fill in is
    optional as a whole (Django skips it), so its fields are not marked required; once the row
    is being filled in, they are, because then they must be."""
    fields = form.visible_fields()
    if not form.empty_permitted or (form.is_bound and form.has_changed()):
        return fields
    optional = []
    for bound in fields:
        # A copy, so validation still uses the real field when the row is filled in.
        field = copy.copy(bound.field)
        field.required = False
        optional.append(field.get_bound_field(form, bound.name))
    return optional
