"""Example tool module built with hatchling: its editable install needs `editables` at build time."""

__amplifier_module_type__ = "tool"


async def mount(coordinator, config):
    return None
