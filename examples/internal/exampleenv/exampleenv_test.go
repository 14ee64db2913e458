package exampleenv

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOpenLiveNeedsKey(t *testing.T) {
	t.Setenv("BYNET_API_KEY", "")

	_, err := Open(true)

	assert.ErrorContains(t, err, "BYNET_API_KEY")
}

func TestOpenSandbox(t *testing.T) {
	env, err := Open(false)
	require.NoError(t, err)
	defer env.Close()

	require.NotNil(t, env.Sandbox)
	assert.Equal(t, env.Sandbox.URL, env.Client.BaseURL())
}

func TestPollStops(t *testing.T) {
	calls := 0
	value, err := Poll(context.Background(), time.Second, func(context.Context) (int, bool, error) {
		calls++
		return calls, calls == 2, nil
	})
	require.NoError(t, err)
	assert.Equal(t, 2, value)

	_, err = Poll(context.Background(), 50*time.Millisecond, func(context.Context) (int, bool, error) { return 0, false, nil })
	assert.ErrorContains(t, err, "still waiting")

	failure := errors.New("boom")
	_, err = Poll(context.Background(), time.Second, func(context.Context) (int, bool, error) { return 0, false, failure })
	assert.ErrorIs(t, err, failure)
}

func TestReais(t *testing.T) {
	assert.Equal(t, "12,34", Reais(1234))
	assert.Equal(t, "0,05", Reais(5))
	assert.Equal(t, "-1,00", Reais(-100))
}
