"""Example hook module: mounts nothing, proves the install and the import work."""

__amplifier_module_type__ = "hook"


async def mount(coordinator, config):
    return None
