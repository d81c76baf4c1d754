"""MCP surface (`lexqa mcp`): tools over one `lexqa.service.Session`, served on stdio.

`lexqa.mcp.server.build_server(runner, limits)` needs the optional extra `lexqa[mcp]`;
`lexqa.mcp.resolve` (law names, selectors, pages) is plain Python.
"""
