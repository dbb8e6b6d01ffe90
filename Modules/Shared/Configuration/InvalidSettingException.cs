namespace ShopIngest.Modules.Shared.Configuration;

/// <summary>
/// A setting the process cannot start with. Its message is one sentence for the operator, which the Host prints alone
/// (no stack trace) before it exits; it never repeats a secret the setting holds.
/// </summary>
public sealed class InvalidSettingException(string message) : Exception(message);
