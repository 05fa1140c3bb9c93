using Hearth.Core.Persistence;
using Npgsql;

namespace Hearth.Core.Tests.Persistence;

/// <summary>Hearth's two Npgsql settings apply unless the operator's connection string sets them.</summary>
public class PostgresTuningTests
{
    [Fact]
    public void The_settings_are_added_when_absent_and_an_operators_own_choice_is_kept()
    {
        var tuned = new NpgsqlConnectionStringBuilder(Database.PostgresTuned("Host=db;Username=hearth;Database=hearth"));
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(64, tuned.MaxAutoPrepare);
        Assert.Equal("db", tuned.Host);

        var chosen = new NpgsqlConnectionStringBuilder(Database.PostgresTuned("Host=db;No Reset On Close=false;Max Auto Prepare=0"));
        Assert.False(chosen.NoResetOnClose);
        Assert.Equal(0, chosen.MaxAutoPrepare);
    }
}
