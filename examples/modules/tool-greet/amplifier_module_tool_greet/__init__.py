"""Example tool module: mounts nothing, proves the install and the import work."""

__amplifier_module_type__ = "tool"


async def mount(coordinator, config):
    return None
