namespace ShopIngest.Modules.Identity;

/// <summary>Section <c>Identity</c>.</summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>Offers the <c>signUp</c> mutation. Off unless set (the Development settings turn it on).</summary>
    public bool AllowSignUp { get; set; }
}
